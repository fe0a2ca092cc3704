package dev.wharf.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.EventCodec;
import dev.wharf.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What a tail hands its projection from one poll: each partition up to its first unreadable record. */
class LogBatchTest {

    @Test
    void each_partition_is_cut_at_its_first_unreadable_record_and_the_others_pass_whole() {
        List<ConsumerRecord<String, byte[]>> polled = List.of(
                record(0, 10, counted("a:a")),
                record(1, 4, counted("b:b")),
                record(0, 11, "{\"schema\":1,\"type\":\"NamespaceClaimed\",\"event\":{}}"),
                record(1, 5, counted("b:b")),
                record(0, 12, counted("a:a")),
                record(2, 0, "not json at all"),
                record(2, 1, counted("c:c")));

        LogBatch batch = LogBatch.read(EventTypes.BUILT_IN, polled);

        assertThat(batch.events()).extracting(e -> e.partition() + "/" + e.offset()).containsExactly("0/10", "1/4", "1/5");
        assertThat(batch.events()).allSatisfy(e -> assertThat(e.event()).isNotNull());
        assertThat(batch.stops()).containsOnlyKeys(0, 2);
        assertThat(batch.stops().get(0)).isEqualTo(new StoppedPartition(0, 11, "NamespaceClaimed", 1, "unknown event type 'NamespaceClaimed' (schema 1)"));
        assertThat(batch.stops().get(2).offset()).isZero();
        assertThat(batch.stops().get(2).type()).isNull();
        assertThat(batch.stops().get(2).describe()).startsWith("stopped at partition 2 offset 0: malformed event: not JSON")
                .endsWith("; upgrade this node");
    }

    private static String counted(String name) {
        return new String(EventCodec.encode(new DownloadsCounted(UUID.randomUUID(), name, Map.of("1.0.0", 1L), "n")), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("events", partition, offset, "k", value.getBytes(StandardCharsets.UTF_8));
    }
}
