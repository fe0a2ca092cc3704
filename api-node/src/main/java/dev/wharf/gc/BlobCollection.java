package dev.wharf.gc;

import dev.wharf.ports.BlobStore;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.projection.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes blobs that no version references: bytes of publishes that lost (409) or whose append
 * failed. Safe against publishes running at the same time, in this order:
 * <ol>
 *   <li>list the blobs last written before {@code now - minAge};</li>
 *   <li>then read the log's end offsets. A publish appends its event at most
 *       {@code appendTimeout} after writing its blob (or fails), and {@code minAge} is longer
 *       than that, so every listed blob whose publish succeeded has its event before these ends;</li>
 *   <li>wait until the metadata projection has applied the log up to those ends (or give up:
 *       an indexer that is behind must not make live blobs look orphaned);</li>
 *   <li>read every referenced sha256, and delete each listed blob that is not referenced and,
 *       read again just before, still was last written before the cut-off (a publish of the same
 *       bytes re-writes the blob, which makes it young).</li>
 * </ol>
 * A blob younger than {@code minAge} is never collected.
 */
public final class BlobCollection {

    private static final Logger LOG = LoggerFactory.getLogger(BlobCollection.class);

    /** What one collection did. {@code deleted} lists the removed blobs' sha256. */
    public record Report(int stored, int referenced, int young, List<String> deleted) {}

    /** The projection did not reach the log's end in time; nothing was deleted. */
    public static final class Behind extends Exception {
        Behind(String message) {
            super(message);
        }
    }

    private final BlobStore blobs;
    private final MetadataStore metadata;
    private final KafkaSettings kafka;
    private final Duration minAge;
    private final Duration projectionWait;
    private final Clock clock;

    public BlobCollection(BlobStore blobs, MetadataStore metadata, KafkaSettings kafka, Duration minAge,
                          Duration projectionWait, Clock clock) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.kafka = kafka;
        this.minAge = minAge;
        this.projectionWait = projectionWait;
        this.clock = clock;
    }

    public synchronized Report collect() throws IOException, Behind, InterruptedException {
        Instant cutOff = clock.instant().minus(minAge);
        List<BlobStore.Stored> stored = blobs.list();
        List<BlobStore.Stored> old = stored.stream().filter(b -> b.written().isBefore(cutOff)).toList();
        if (old.isEmpty()) return new Report(stored.size(), -1, stored.size(), List.of());

        awaitProjection(logEnds());
        Set<String> referenced = new HashSet<>(metadata.jdbi().withHandle(h ->
                h.createQuery("SELECT DISTINCT sha256 FROM versions").mapTo(String.class).list()));
        List<String> deleted = new java.util.ArrayList<>();
        for (BlobStore.Stored b : old) {
            if (referenced.contains(b.sha256().hex())) continue;
            var written = blobs.written(b.sha256());
            if (written.isEmpty() || !written.get().isBefore(cutOff)) continue;
            blobs.delete(b.sha256());
            deleted.add(b.sha256().hex());
        }
        if (!deleted.isEmpty()) LOG.info("blob gc removed {} unreferenced blobs of {}", deleted.size(), stored.size());
        return new Report(stored.size(), referenced.size(), stored.size() - old.size(), List.copyOf(deleted));
    }

    private Map<Integer, Long> logEnds() throws IOException, InterruptedException {
        try (Admin admin = Admin.create(kafka.common())) {
            int partitions = admin.describeTopics(List.of(kafka.topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(kafka.topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(kafka.topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the event log's end offsets: " + e.getMessage(), e);
        }
    }

    private void awaitProjection(Map<Integer, Long> ends) throws Behind, InterruptedException {
        long deadline = System.nanoTime() + projectionWait.toNanos();
        while (true) {
            Map<Integer, Long> applied = metadata.positions(MetadataProjection.NAME);
            boolean caughtUp = ends.entrySet().stream()
                    .allMatch(e -> e.getValue() == 0 || applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (caughtUp) return;
            if (System.nanoTime() > deadline) {
                throw new Behind("the metadata projection has not applied the log up to " + ends + " (it is at " + applied
                        + "); no blob was removed");
            }
            // The projection commits a batch at a time; a short pause between reads of its offsets.
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
