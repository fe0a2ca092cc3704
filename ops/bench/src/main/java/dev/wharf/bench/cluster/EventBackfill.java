package dev.wharf.bench.cluster;

import dev.wharf.bench.standalone.Catalogue;
import dev.wharf.kafka.EventLog;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes publish events straight into the cluster's log, as if many publishes had happened
 * long ago, so that a joining api-node has a large history to catch up on. The events look
 * like real ones (catalogue names and descriptions, a component's WIT imports and exports, a
 * few versions per package); their blobs do not exist, which a catch-up never reads.
 */
final class EventBackfill {

    /** How many appends may be in flight at once: enough to keep the producer's batches full. */
    private static final int IN_FLIGHT = 5_000;

    private final KafkaSettings kafka;

    EventBackfill(String bootstrapServers) {
        this.kafka = new KafkaSettings();
        kafka.bootstrapServers = bootstrapServers;
    }

    /** Appends {@code versions} versions of each of {@code packages} packages; returns the seconds it took. */
    double append(Catalogue catalogue, int versions) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A log nobody has started a node on yet (ops/bench-bootstrap) has no topic; nodes then find it made as they would.
        dev.wharf.kafka.EventTopic.ensure(kafka);
        long start = System.nanoTime();
        try (EventLog log = new EventLog(kafka, Duration.ofSeconds(60))) {
            for (int p = 0; p < catalogue.size(); p++) {
                for (int v = 0; v < versions; v++) {
                    if (failure.get() != null) throw new IllegalStateException("append failed", failure.get());
                    window.acquire();
                    CompletableFuture<?> sent = log.append(event(catalogue, p, v));
                    sent.whenComplete((position, error) -> {
                        if (error != null) failure.compareAndSet(null, error);
                        window.release();
                    });
                }
                if ((p + 1) % 10_000 == 0) {
                    System.err.printf("  %d packages appended, %.0f s%n", p + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            window.acquire(IN_FLIGHT);
        }
        if (failure.get() != null) throw new IllegalStateException("append failed", failure.get());
        return (System.nanoTime() - start) / 1e9;
    }

    private static PublishVersion event(Catalogue catalogue, int p, int v) {
        Random r = new Random(p);
        String word = Catalogue.VOCABULARY.get(r.nextInt(Catalogue.VOCABULARY.size()));
        WasmSummary wasm = new WasmSummary(WasmSummary.COMPONENT,
                List.of("wasi:io/streams@0.2.0", "wasi:cli/environment@0.2.0", "wasi:random/random@0.2.0"),
                List.of("bench:" + word + "/api@1." + v + ".0"), null);
        String sha256 = String.format("%064x", (long) p * 1_000 + v);
        return new PublishVersion(UUID.randomUUID(), 1_700_000_000L + p * 10L + v, catalogue.name(p), "1." + v + ".0",
                catalogue.description(p), "Apache-2.0", "https://example.org/" + catalogue.name(p).replace(':', '/'),
                null, List.of(), List.of(), sha256, 40_000 + r.nextInt(20_000), wasm, "admin");
    }
}
