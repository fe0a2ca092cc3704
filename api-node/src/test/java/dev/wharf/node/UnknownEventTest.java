package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.EventCodec;
import dev.wharf.events.EventType;
import dev.wharf.events.EventTypes;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.kafka.EventTopic;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.projection.EventTail;
import dev.wharf.projection.MetadataProjection;
import dev.wharf.projection.ProjectionRebuild;
import dev.wharf.projection.StoppedPartition;
import dev.wharf.standalone.EmbeddedKafkaBroker;
import dev.wharf.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A newer release wrote an event this node does not know. The node stops that partition at it,
 * keeps applying the others, says so on /health, and after the upgrade applies it and ends up
 * exactly where a full replay of the log ends up (issue 9).
 */
class UnknownEventTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What the next release reads: a type this build does not know (here shaped like a download count). */
    private static final EventTypes NEXT_RELEASE = EventTypes.BUILT_IN.with(EventType.of("FutureEvent", 1, DownloadsCounted.class));

    @TempDir
    Path dir;
    EmbeddedKafkaBroker broker;
    KafkaSettings kafka;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0);
        broker.start();
        kafka = new KafkaSettings().withBootstrapServers(broker.bootstrapServers());
        kafka.topic = "unknown-event-test";
        kafka.partitions = 3;
        EventTopic.ensure(kafka);
        Map<String, Object> props = kafka.common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        if (producer != null) producer.close(Duration.ofSeconds(5));
        if (broker != null) broker.stop();
    }

    @Test
    void an_unknown_event_stops_its_partition_until_the_upgrade_and_nothing_is_skipped() throws Exception {
        append(0, EventCodec.encode(publish("early:one", "1.0.0")));
        append(0, ("{\"schema\":1,\"type\":\"FutureEvent\",\"event\":{\"event_id\":\"" + UUID.randomUUID()
                + "\",\"name\":\"early:one\",\"counts_by_version\":{\"1.0.0\":5},\"node\":\"future-node\"}}").getBytes(StandardCharsets.UTF_8));
        append(0, EventCodec.encode(publish("after:stop", "1.0.0")));
        append(1, EventCodec.encode(publish("other:one", "1.0.0")));
        append(2, EventCodec.encode(publish("other:two", "1.0.0")));
        MetadataStore store = store("live");

        // An indexer: one member of the indexers' consumer group, as IndexerApplication runs it.
        try (EventTail old = EventTail.inGroup(kafka, new MetadataProjection(store), "indexers").start()) {
            Eventually.await(WAIT, () -> store.positions(MetadataProjection.NAME), p -> p.equals(Map.of(0, 1L, 1, 1L, 2, 1L)));
            Eventually.await(WAIT, old::stopped, s -> s.containsKey(0));

            assertThat(old.stopped()).containsExactly(Map.entry(0, new StoppedPartition(0, 1, "FutureEvent", 1,
                    "unknown event type 'FutureEvent' (schema 1)")));
            HealthCheck.Result health = new DependencyChecks.Tail(old, Long.MAX_VALUE).execute();
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.getMessage())
                    .isEqualTo("stopped at partition 0 offset 1: unknown event type 'FutureEvent' (schema 1); upgrade this node");

            // The other partitions keep flowing while partition 0 waits.
            append(2, EventCodec.encode(publish("other:three", "1.0.0")));
            Eventually.await(WAIT, () -> store.positions(MetadataProjection.NAME).get(2), p -> p == 2L);
            assertThat(store.positions(MetadataProjection.NAME)).isEqualTo(Map.of(0, 1L, 1, 1L, 2, 2L));
            assertThat(store.packageNames()).containsExactlyInAnyOrder("early:one", "other:one", "other:two", "other:three");
            assertThat(store.stats().downloadCount()).isZero();
            assertThat(old.appliedPositions().get(0)).isEqualTo(1L);

            // A rebuild with the old build refuses too, naming the record, instead of proving a skip.
            assertThatThrownBy(() -> ProjectionRebuild.replay(kafka, store("old-replay"), null))
                    .isInstanceOf(ProjectionRebuild.UnreadableLog.class)
                    .hasMessageContaining("stopped at partition 0 offset 1: unknown event type 'FutureEvent' (schema 1)");
        }

        // The upgrade: the same store, a build that knows FutureEvent.
        try (EventTail upgraded = EventTail.inGroup(kafka, new MetadataProjection(store), "indexers", NEXT_RELEASE).start()) {
            Eventually.await(WAIT, () -> store.positions(MetadataProjection.NAME), p -> p.equals(Map.of(0, 3L, 1, 1L, 2, 2L)));

            assertThat(upgraded.stopped()).isEmpty();
            assertThat(store.packageNames()).contains("after:stop");
            assertThat(store.stats().downloadCount()).isEqualTo(5);
            assertThat(new DependencyChecks.Tail(upgraded, Long.MAX_VALUE).execute().isHealthy()).isTrue();
        }

        ProjectionRebuild.Report replay = ProjectionRebuild.compare(kafka, store, store("replay"), NEXT_RELEASE);
        assertThat(replay.equal()).as(String.join("\n", replay.differences())).isTrue();
        assertThat(replay.eventsReplayed()).isEqualTo(6);
    }

    private void append(int partition, byte[] bytes) throws Exception {
        producer.send(new ProducerRecord<>(kafka.topic, partition, "k", bytes)).get();
    }

    private MetadataStore store(String name) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve(name + ".db"));
        MetadataStore.migrate(source);
        return new MetadataStore(Jdbi.create(source));
    }

    private static PublishVersion publish(String name, String version) {
        return new PublishVersion(UUID.randomUUID(), 1_700_000_000_000L, name, version, "d", null, null, null, List.of(),
                List.of(), "ab".repeat(32), 10, new WasmSummary("component", List.of(), List.of(), null), "*");
    }
}
