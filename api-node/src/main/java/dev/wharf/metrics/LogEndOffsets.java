package dev.wharf.metrics;

import dev.wharf.kafka.KafkaSettings;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The event log's end offsets, cached for a few seconds so a scrape every second costs the brokers little. */
final class LogEndOffsets implements AutoCloseable {

    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final KafkaSettings kafka;
    private final Admin admin;
    private Map<Integer, Long> ends = Map.of();
    private long readAt = Long.MIN_VALUE;

    LogEndOffsets(KafkaSettings kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(kafka.common());
    }

    /** The next offset to be written in {@code partition}; -1 when the log cannot be reached. */
    synchronized long endOffset(int partition) {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > FRESH_NANOS) {
            readAt = now;
            try {
                Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, kafka.partitions).boxed()
                        .collect(Collectors.toMap(p -> new TopicPartition(kafka.topic, p), p -> OffsetSpec.latest()));
                ends = admin.listOffsets(latest).all().get(3, TimeUnit.SECONDS).entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                ends = Map.of();
            }
        }
        return ends.getOrDefault(partition, -1L);
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
