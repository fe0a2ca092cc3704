package dev.wharf.packages;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.ports.EventAppender;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Appends every pending count, one event per package, all handed to the producer before any
     * is waited for: waiting for each in turn made a flush with 1,000 packages downloaded 1,000
     * round trips and, on a standalone broker that fsyncs every produce request, 1,000 fsyncs,
     * about 40% of the node's CPU under a download storm (issue #12's JFR of the 50 KB download
     * cell); handed over together they travel in a few produce batches. Waits for the log so
     * shutdown does not drop them; counts whose append failed are put back for the next flush.
     */
    public synchronized void flush() {
        Map<DownloadsCounted, CompletableFuture<?>> appended = new LinkedHashMap<>();
        for (String name : pending.keySet()) {
            Map<String, LongAdder> byVersion = pending.remove(name);
            if (byVersion == null) continue;
            Map<String, Long> counts = new HashMap<>();
            byVersion.forEach((v, n) -> counts.put(v, n.sum()));
            DownloadsCounted event = new DownloadsCounted(UUID.randomUUID(), name, counts, node,
                    java.time.Instant.now().getEpochSecond());
            CompletableFuture<?> append;
            try {
                append = log.append(event);
            } catch (RuntimeException refused) {
                append = CompletableFuture.failedFuture(refused);
            }
            appended.put(event, append);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Exception firstFailure = null;
        for (Map.Entry<DownloadsCounted, CompletableFuture<?>> each : appended.entrySet()) {
            try {
                each.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                if (firstFailure == null) firstFailure = e;
                putBack(each.getKey());
            }
        }
        if (firstFailure != null) throw new IllegalStateException("event log unavailable for download counts", firstFailure);
    }

    private void putBack(DownloadsCounted unsent) {
        unsent.countsByVersion().forEach((v, n) -> pending.computeIfAbsent(unsent.name(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(v, k -> new LongAdder()).add(n));
    }
}
