package dev.wharf.bench.search;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.replica.SearchReplica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Download counts arriving at a replica while it is searched, as on a busy node: every period
 * a batch of {@code DownloadsCounted} events for random packages is applied, which changes the
 * index and so starts the page cache over. Stops (bounded) when closed.
 */
final class DownloadChurn implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;
    private int batches;

    DownloadChurn(SearchReplica replica, List<SyntheticCatalog.Package> packages, Duration period, long firstOffset) {
        thread = Thread.ofPlatform().name("download-churn").start(() -> {
            Random random = new Random(5);
            long offset = firstOffset;
            while (running) {
                List<LoggedEvent> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    SyntheticCatalog.Package p = packages.get(random.nextInt(packages.size()));
                    batch.add(new LoggedEvent(0, offset++, new DownloadsCounted(UUID.randomUUID(), p.name(),
                            Map.of("1.1.0", 1L + random.nextInt(5)), "churn"), null));
                }
                try {
                    replica.apply(batch);
                    batches++;
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    int batches() {
        return batches;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
