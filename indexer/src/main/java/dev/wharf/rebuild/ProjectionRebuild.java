package dev.wharf.rebuild;

import dev.wharf.events.EventCodec;
import dev.wharf.events.KafkaSettings;
import dev.wharf.events.LoggedEvent;
import dev.wharf.metadata.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Proves the metadata projection is a function of the log: replays the log into an empty
 * store up to exactly the offsets the live store has applied, and compares every row.
 */
public final class ProjectionRebuild {

    /** What a rebuild found. {@code differences} lists rows present on one side only. */
    public record Report(long eventsReplayed, boolean equal, List<String> differences, Map<Integer, Long> positions) {}

    private ProjectionRebuild() {}

    public static Report compare(KafkaSettings kafka, MetadataStore live, MetadataStore scratch) throws Exception {
        MetadataStore.Snapshot snapshot = live.snapshot(MetadataProjection.NAME);
        Map<Integer, Long> positions = snapshot.positions();
        List<String> before = snapshot.rows();
        long replayed = replay(kafka, scratch, positions);
        List<String> after = scratch.canonicalDump();
        List<String> differences = new ArrayList<>();
        Set<String> old = new LinkedHashSet<>(before);
        Set<String> rebuilt = new LinkedHashSet<>(after);
        before.stream().filter(line -> !rebuilt.contains(line)).limit(20).forEach(line -> differences.add("only in live:    " + line));
        after.stream().filter(line -> !old.contains(line)).limit(20).forEach(line -> differences.add("only in rebuilt: " + line));
        return new Report(replayed, differences.isEmpty() && before.size() == after.size(), differences, positions);
    }

    /**
     * Applies the log from its start to {@code target} (which must be empty), up to the given
     * next-offsets per partition, or to the current end of the log when {@code upTo} is null.
     */
    public static long replay(KafkaSettings kafka, MetadataStore target, Map<Integer, Long> upTo) throws Exception {
        MetadataProjection projection = new MetadataProjection(target);
        Map<String, Object> props = kafka.common();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(kafka.topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>();
            Map<TopicPartition, Long> logEnd = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                end.put(tp, upTo == null ? logEnd.get(tp) : Math.min(logEnd.get(tp), upTo.getOrDefault(tp.partition(), 0L)));
            }
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<LoggedEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) continue;
                    try {
                        batch.add(new LoggedEvent(r.partition(), r.offset(), EventCodec.decode(r.value()), null, r.timestamp()));
                    } catch (EventCodec.UndecodableEvent e) {
                        batch.add(new LoggedEvent(r.partition(), r.offset(), null, e.getMessage(), r.timestamp()));
                    }
                }
                if (!batch.isEmpty()) {
                    projection.apply(batch);
                    replayed += batch.size();
                }
            }
        }
        return replayed;
    }
}
