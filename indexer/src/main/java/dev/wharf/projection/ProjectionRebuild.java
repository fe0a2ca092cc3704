package dev.wharf.projection;

import dev.wharf.events.EventTypes;
import dev.wharf.kafka.KafkaSettings;
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

    /** The log holds a record this build cannot read; a replay that skipped it would prove nothing. */
    public static final class UnreadableLog extends IllegalStateException {
        private final List<String> stops;

        UnreadableLog(List<String> stops) {
            super("cannot replay the log: " + String.join("; ", stops));
            this.stops = stops;
        }

        public List<String> stops() {
            return stops;
        }
    }

    public static Report compare(KafkaSettings kafka, MetadataStore live, MetadataStore scratch) throws Exception {
        return compare(kafka, live, scratch, EventTypes.BUILT_IN);
    }

    public static Report compare(KafkaSettings kafka, MetadataStore live, MetadataStore scratch, EventTypes types) throws Exception {
        MetadataStore.Snapshot snapshot = live.snapshot(MetadataProjection.NAME);
        Map<Integer, Long> positions = snapshot.positions();
        List<String> before = snapshot.rows();
        long replayed = replay(kafka, scratch, positions, types);
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
     * Refuses, like a tail, to skip a record this build cannot read: it stops with
     * {@link UnreadableLog} naming it.
     */
    public static long replay(KafkaSettings kafka, MetadataStore target, Map<Integer, Long> upTo) throws Exception {
        return replay(kafka, target, upTo, EventTypes.BUILT_IN);
    }

    public static long replay(KafkaSettings kafka, MetadataStore target, Map<Integer, Long> upTo, EventTypes types) throws Exception {
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
                List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) wanted.add(r);
                }
                LogBatch read = LogBatch.read(types, wanted);
                if (!read.stops().isEmpty()) {
                    throw new UnreadableLog(read.stops().values().stream().map(StoppedPartition::describe).sorted().toList());
                }
                List<LoggedEvent> batch = read.events();
                if (!batch.isEmpty()) {
                    projection.apply(batch);
                    replayed += batch.size();
                }
            }
        }
        return replayed;
    }
}
