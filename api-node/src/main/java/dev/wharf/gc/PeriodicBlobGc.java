package dev.wharf.gc;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BlobCollection} every BLOB_GC_INTERVAL (cluster mode's default: daily). Every node
 * may run it: deleting an unreferenced blob twice is harmless, and the age rule protects
 * publishes in flight on any node.
 */
public final class PeriodicBlobGc implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicBlobGc.class);

    private final BlobCollection collection;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public PeriodicBlobGc(BlobCollection collection, Duration interval) {
        this.collection = collection;
        this.interval = interval;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blob-gc");
            t.setDaemon(true);
            return t;
        });
        // Not at start: a fleet restarted together would all collect at once.
        long first = interval.toSeconds() / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, interval.toSeconds() / 2));
        timer.scheduleWithFixedDelay(this::collectQuietly, first, interval.toSeconds(), TimeUnit.SECONDS);
    }

    private void collectQuietly() {
        try {
            BlobCollection.Report report = collection.collect();
            LOG.info("blob gc: {} blobs, {} referenced, {} young, {} removed", report.stored(), report.referenced(),
                    report.young(), report.deleted().size());
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.warn("blob gc skipped: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (timer != null) timer.shutdownNow();
    }
}
