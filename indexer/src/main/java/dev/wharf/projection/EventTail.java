package dev.wharf.projection;

import dev.wharf.events.EventTypes;
import dev.wharf.events.LogPosition;
import dev.wharf.kafka.KafkaSettings;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the log to one projection, forever, on its own thread. Offsets live in the
 * projection's store, never in Kafka, so a restart or a rebalance always resumes from what
 * was durably applied.
 *
 * <p>Two ways to read: {@link #everyPartition} (a search replica: every node reads the whole
 * log) and {@link #inGroup} (indexers: one consumer group, partitions shared out, a standby
 * takes over on rebalance).
 *
 * <p>A record this build cannot read (an unknown event type or schema, an unknown field,
 * malformed bytes) stops its partition there: the records before it are applied, the
 * partition is paused, and {@link #stopped()} names it for {@code /health}. The other
 * partitions carry on. Nothing is skipped, so after an upgrade the stored position still
 * points at that record and it is applied first (docs/events.md, "Unknown events").
 */
public final class EventTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

    private final KafkaSettings settings;
    private final Projection projection;
    private final String groupId;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private final Map<Integer, StoppedPartition> stopped = new ConcurrentHashMap<>();
    private final EventTypes types;
    private volatile Set<Integer> owned = Set.of();
    private volatile long lag = -1;
    private volatile boolean running = true;
    private volatile Throwable lastFailure;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private EventTail(KafkaSettings settings, Projection projection, String groupId, EventTypes types) {
        this.settings = settings;
        this.types = types;
        this.projection = projection;
        this.groupId = groupId;
        this.thread = new Thread(this::run, "event-tail-" + projection.name());
        this.thread.setDaemon(true);
    }

    public static EventTail everyPartition(KafkaSettings settings, Projection projection) {
        return everyPartition(settings, projection, EventTypes.BUILT_IN);
    }

    /** @param types the event types this node reads (a test adds one to stand for an upgrade) */
    public static EventTail everyPartition(KafkaSettings settings, Projection projection, EventTypes types) {
        return new EventTail(settings, projection, null, types);
    }

    public static EventTail inGroup(KafkaSettings settings, Projection projection, String groupId) {
        return inGroup(settings, projection, groupId, EventTypes.BUILT_IN);
    }

    public static EventTail inGroup(KafkaSettings settings, Projection projection, String groupId, EventTypes types) {
        return new EventTail(settings, projection, groupId, types);
    }

    public EventTail start() {
        thread.start();
        return this;
    }

    /** True once this tail has applied every event up to and including {@code position}. */
    public boolean hasApplied(LogPosition position) {
        Long next = applied.get(position.partition());
        return next != null && next > position.offset();
    }

    /** Waits until {@link #hasApplied} or the deadline; returns whether it got there. */
    public boolean awaitApplied(LogPosition position, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!hasApplied(position)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                progressed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes anyone waiting on progress of this tail's projection, e.g. after an outside write. */
    public void signalProgress() {
        lock.lock();
        try {
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next applied batch, at most {@code maxWait}. */
    public void awaitProgress(Duration maxWait) throws InterruptedException {
        lock.lock();
        try {
            progressed.await(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Records behind the end of the log at the last poll; -1 before the first one. */
    public long lag() {
        return lag;
    }

    public Set<Integer> ownedPartitions() {
        return owned;
    }

    public Map<Integer, Long> appliedPositions() {
        return Map.copyOf(applied);
    }

    /** The partitions stopped at a record this build cannot read, by partition; empty when all flow. */
    public Map<Integer, StoppedPartition> stopped() {
        return Map.copyOf(stopped);
    }

    /** The stops as one line for {@code /health}, by partition. */
    public static String describeStops(Map<Integer, StoppedPartition> stops) {
        return stops.values().stream().sorted(java.util.Comparator.comparingInt(StoppedPartition::partition))
                .map(StoppedPartition::describe).collect(Collectors.joining("; "));
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                if (groupId == null) assignEveryPartition(c);
                else c.subscribe(List.of(settings.topic), new Rebalance(c));
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    updateLag(c);
                    if (records.isEmpty()) continue;
                    try {
                        LogBatch batch = LogBatch.read(types, records, projection);
                        if (!batch.events().isEmpty()) projection.apply(batch.events());
                        for (TopicPartition tp : records.partitions()) {
                            StoppedPartition stop = batch.stops().get(tp.partition());
                            if (stop != null) {
                                stopAt(c, tp, stop);
                            } else {
                                List<ConsumerRecord<String, byte[]>> part = records.records(tp);
                                applied.put(tp.partition(), part.get(part.size() - 1).offset() + 1);
                            }
                        }
                        lastFailure = null;
                        signalProgress();
                    } catch (Projection.StalePosition e) {
                        LOG.warn("{}: {}; resuming from stored positions", projection.name(), e.getMessage());
                        seekToStored(c, c.assignment());
                    }
                }
            } catch (WakeupException e) {
                // close() woke the consumer: leave the loop.
            } catch (Exception e) {
                lastFailure = e;
                if (!running) break;
                LOG.warn("{}: tail failed ({}); retrying from stored positions", projection.name(), e.toString());
                sleepQuietly(500);
            }
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> props = settings.common();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, projection.name() + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void assignEveryPartition(KafkaConsumer<String, byte[]> c) throws Exception {
        List<PartitionInfo> infos = c.partitionsFor(settings.topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) throw new IllegalStateException("topic " + settings.topic + " has no partitions yet");
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(settings.topic, p.partition())).toList();
        c.assign(partitions);
        seekToStored(c, partitions);
    }

    private void seekToStored(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions) {
        Map<Integer, Long> stored;
        try {
            stored = projection.positions();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read stored positions of " + projection.name(), e);
        }
        for (TopicPartition tp : partitions) {
            long next = stored.getOrDefault(tp.partition(), 0L);
            c.seek(tp, next);
            applied.put(tp.partition(), next);
        }
        owned = partitions.stream().map(TopicPartition::partition).collect(Collectors.toUnmodifiableSet());
        signalProgress();
    }

    private void updateLag(KafkaConsumer<String, byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            var partitionLag = c.currentLag(tp);
            if (partitionLag.isEmpty()) return;
            total += partitionLag.getAsLong();
        }
        lag = total;
    }

    private void stopAt(KafkaConsumer<String, byte[]> c, TopicPartition tp, StoppedPartition stop) {
        applied.put(tp.partition(), stop.offset());
        // Rewind so a later resume (a new consumer after a failure) reads this record again,
        // and pause so this consumer fetches nothing more of the partition until restarted.
        c.seek(tp, stop.offset());
        c.pause(List.of(tp));
        if (!stop.equals(stopped.put(tp.partition(), stop))) LOG.error("{}: {}", projection.name(), stop.describe());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<Integer, Long> keep = new HashMap<>(applied);
            partitions.forEach(tp -> {
                keep.remove(tp.partition());
                stopped.remove(tp.partition());
            });
            owned = Set.copyOf(keep.keySet());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("{}: assigned partitions {}", projection.name(), partitions.stream().map(TopicPartition::partition).sorted().toList());
            seekToStored(c, c.assignment());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
