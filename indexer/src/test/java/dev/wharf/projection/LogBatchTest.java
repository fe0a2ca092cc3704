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

    @Test
    void a_reader_of_token_events_gets_the_rest_undecoded_yet_still_stops_at_an_unknown_type_or_a_newer_schema() {
        String issued = new String(EventCodec.encode(new dev.wharf.events.TokenIssued(UUID.randomUUID(), 1_700_000_000L, "tok-1", "ci",
                List.of("acme"), List.of("publish"), null, "ab".repeat(32), new dev.wharf.events.Actor("env:admin", "admin", "n"))), StandardCharsets.UTF_8);
        List<ConsumerRecord<String, byte[]>> polled = List.of(
                record(0, 0, counted("a:a")),
                record(0, 1, issued),
                // A body this build would refuse, in a type the token tail ignores: not its business.
                record(0, 2, "{\"schema\":1,\"type\":\"DownloadsCounted\",\"event\":{\"a_field_from_the_future\":1}}"),
                record(1, 0, "{\"schema\":2,\"type\":\"DownloadsCounted\",\"event\":{}}"),
                record(2, 0, "{\"type\":\"NamespaceClaimed\",\"schema\":1,\"event\":{}}"));

        LogBatch batch = LogBatch.read(EventTypes.BUILT_IN, polled, new TokenProjection(new dev.wharf.governance.TokenRegistry()));

        assertThat(batch.events()).extracting(e -> e.partition() + "/" + e.offset() + " " + (e.event() == null ? "-" : e.event().getClass().getSimpleName()))
                .containsExactly("0/0 -", "0/1 TokenIssued", "0/2 -");
        assertThat(batch.stops()).containsOnlyKeys(1, 2);
        assertThat(batch.stops().get(1).describe()).contains("unknown schema 2 of event type 'DownloadsCounted'");
        assertThat(batch.stops().get(2).type()).isEqualTo("NamespaceClaimed");
    }

    private static String counted(String name) {
        return new String(EventCodec.encode(new DownloadsCounted(UUID.randomUUID(), name, Map.of("1.0.0", 1L), "n")), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("events", partition, offset, "k", value.getBytes(StandardCharsets.UTF_8));
    }
}
