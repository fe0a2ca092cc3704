package dev.wharf.packages;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.ports.EventAppender;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts downloads in memory and appends them to the log as one {@code DownloadsCounted}
 * event per package every few seconds and on shutdown, so a hot download path never waits
 * on Kafka. Counts whose append fails are put back and sent with the next flush.
 */
public final class DownloadCounter implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCounter.class);

    private final EventAppender log;
    private final Duration interval;
    private final String node;
    private final Map<String, Map<String, LongAdder>> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public DownloadCounter(EventAppender log, Duration interval, String node) {
        this.log = log;
        this.interval = interval;
        this.node = node;
    }

    public void count(String name, String version) {
        pending.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new LongAdder())
                .increment();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-counter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) timer.shutdownNow();
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not flush download counts: {}", e.toString());
        }
    }

    /** Appends every pending count; waits for the log so shutdown does not drop them. */
    public synchronized void flush() {
        for (String name : pending.keySet()) {
            Map<String, LongAdder> byVersion = pending.remove(name);
            if (byVersion == null) continue;
            Map<String, Long> counts = new HashMap<>();
            byVersion.forEach((v, n) -> counts.put(v, n.sum()));
            try {
                log.append(new DownloadsCounted(UUID.randomUUID(), name, counts, node,
                        java.time.Instant.now().getEpochSecond())).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                counts.forEach((v, n) -> pending.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(v, k -> new LongAdder()).add(n));
                throw new IllegalStateException("event log unavailable for download counts", e);
            }
        }
    }
}
