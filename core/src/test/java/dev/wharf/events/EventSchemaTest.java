package dev.wharf.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.Dependency;
import dev.wharf.inspect.WasmSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Schema 1 as it sits on the log, byte for byte. Events are kept forever, so this test must
 * pass forever: if it fails, a change broke the reading of old events or the writing of new
 * ones. Do not edit the golden files to make it pass; evolve the schema instead
 * (docs/events.md, "Evolving").
 */
class EventSchemaTest {

    @Test
    void a_schema_1_publish_decodes_field_by_field_and_encodes_to_the_same_bytes() throws Exception {
        byte[] golden = golden("schema-1/PublishVersion.json");

        PublishVersion p = (PublishVersion) EventCodec.decode(golden);

        assertThat(p.eventId()).isEqualTo(UUID.fromString("3f1c7a2e-5b8d-4c61-9e0f-2a4b6c8d0e1f"));
        assertThat(p.publishedAt()).isEqualTo(1_700_000_000_123L);
        assertThat(p.name()).isEqualTo("wasi:http");
        assertThat(p.version()).isEqualTo("0.2.0");
        assertThat(p.description()).isEqualTo("HTTP types and handlers");
        assertThat(p.license()).isEqualTo("Apache-2.0");
        assertThat(p.repository()).isEqualTo("https://github.com/WebAssembly/wasi-http");
        assertThat(p.witUrl()).isEqualTo("https://example.org/wasi-http.wit");
        assertThat(p.dependencies()).containsExactly(new Dependency("wasi:io", "^0.2", false),
                new Dependency("wasi:clocks", ">=0.2.0, <0.3.0", true));
        assertThat(p.targets()).containsExactly("wasm32-wasip2");
        assertThat(p.sha256()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(p.size()).isEqualTo(123_456L);
        assertThat(p.wasm()).isEqualTo(new WasmSummary("component",
                List.of("wasi:io/streams@0.2.0", "wasi:clocks/monotonic-clock@0.2.0"),
                List.of("wasi:http/incoming-handler@0.2.0"), "proxy"));
        assertThat(p.publisher()).isEqualTo("alice");
        assertThat(text(EventCodec.encode(p))).isEqualTo(text(golden));
    }

    @Test
    void a_schema_1_publish_without_optional_values_keeps_its_nulls_and_empties() throws Exception {
        byte[] golden = golden("schema-1/PublishVersion-minimal.json");

        PublishVersion p = (PublishVersion) EventCodec.decode(golden);

        assertThat(p.eventId()).isEqualTo(UUID.fromString("0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9"));
        assertThat(p.publishedAt()).isEqualTo(1_600_000_000_000L);
        assertThat(p.name()).isEqualTo("demo:minimal");
        assertThat(p.version()).isEqualTo("1.0.0-rc.1+build.5");
        assertThat(p.description()).isNull();
        assertThat(p.license()).isNull();
        assertThat(p.repository()).isNull();
        assertThat(p.witUrl()).isNull();
        assertThat(p.dependencies()).isEmpty();
        assertThat(p.targets()).isEmpty();
        assertThat(p.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(p.size()).isZero();
        assertThat(p.wasm()).isNull();
        assertThat(p.publisher()).isNull();
        assertThat(text(EventCodec.encode(p))).isEqualTo(text(golden));
    }

    @Test
    void a_schema_1_download_count_decodes_field_by_field_and_encodes_to_the_same_bytes() throws Exception {
        byte[] golden = golden("schema-1/DownloadsCounted.json");

        DownloadsCounted d = (DownloadsCounted) EventCodec.decode(golden);

        assertThat(d.eventId()).isEqualTo(UUID.fromString("7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5"));
        assertThat(d.name()).isEqualTo("wasi:http");
        assertThat(d.countsByVersion()).isEqualTo(Map.of("0.2.0", 17L, "0.2.1-rc.1", 2L));
        assertThat(d.node()).isEqualTo("node-a");
        assertThat(text(EventCodec.encode(d))).isEqualTo(text(golden));
    }

    /** The events the governance issue added (schema 1, with their optional fields), as written; each decodes to exactly these values. */
    static final Actor ALICE = new Actor("3b0d9e4a-1c2f-4e5a-8b6c-7d8e9f0a1b2c", "alice-ci", "node-a");
    static final Map<String, RegistryEvent> GOVERNANCE_GOLDEN = Map.of(
            "schema-1/PublishVersion-with-actor.json", new PublishVersion(UUID.fromString("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
                    1_764_000_000L, "alice:calc", "1.2.0", "adds", "MIT", null, null, List.of(), List.of("wasm32-wasip2"),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 887, null, "alice", ALICE, 1_764_000_000_250L),
            "schema-1/DownloadsCounted-with-counted-at.json", new DownloadsCounted(UUID.fromString("6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"),
                    "alice:calc", Map.of("1.2.0", 3L, "1.0.0", 1L), "node-b", 1_764_000_100L),
            "schema-1/TokenIssued.json", new TokenIssued(UUID.fromString("7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"), 1_764_000_200_000L,
                    "3b0d9e4a-1c2f-4e5a-8b6c-7d8e9f0a1b2c", "alice-ci", List.of("alice"), List.of("publish", "yank"), 1_771_776_000L,
                    "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", new Actor("env:admin", "env:admin", "node-a")),
            "schema-1/TokenRevoked.json", new TokenRevoked(UUID.fromString("8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f"), 1_764_000_300_000L,
                    "3b0d9e4a-1c2f-4e5a-8b6c-7d8e9f0a1b2c", "leaked in a build log", new Actor("env:admin", "env:admin", "node-c")),
            "schema-1/VersionYanked.json", new VersionYanked(UUID.fromString("9d0e1f2a-3b4c-4d5e-af60-7b8c9d0e1f2a"), 1_764_000_400_000L,
                    "alice:calc", "1.2.0", "miscomputes 0.1 + 0.2", ALICE),
            "schema-1/VersionUnyanked.json", new VersionUnyanked(UUID.fromString("0e1f2a3b-4c5d-4e6f-b071-8c9d0e1f2a3b"), 1_764_000_500_000L,
                    "alice:calc", "1.2.0", ALICE),
            "schema-1/PackageDeprecated.json", new PackageDeprecated(UUID.fromString("1f2a3b4c-5d6e-4f70-8182-9d0e1f2a3b4c"), 1_764_000_600_000L,
                    "alice:calc", "use alice:calculator instead", ALICE));

    @Test
    void governance_events_and_the_optional_fields_decode_to_their_values_and_encode_to_the_same_bytes() throws Exception {
        for (var entry : GOVERNANCE_GOLDEN.entrySet()) {
            byte[] golden = golden(entry.getKey());
            assertThat(EventCodec.decode(golden)).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(text(EventCodec.encode(entry.getValue()))).as(entry.getKey()).isEqualTo(text(golden));
        }
    }

    @Test
    void every_event_type_has_a_constant_wire_name_and_a_golden_file() throws Exception {
        List<Object> permitted = Arrays.asList((Object[]) RegistryEvent.class.getPermittedSubclasses());
        assertThat(EventTypes.BUILT_IN.all().stream().map(t -> (Object) t.record()).toList())
                .as("RegistryEvent's permits and EventTypes.BUILT_IN").containsExactlyInAnyOrderElementsOf(permitted);
        for (EventType<?> type : EventTypes.BUILT_IN.all()) {
            assertThat(type.record().getField("TYPE").get(null)).as("%s.TYPE", type.record()).isEqualTo(type.name());
            assertThat(type.record().getField("SCHEMA").get(null)).as("%s.SCHEMA", type.record()).isEqualTo(type.schema());
            // Every schema a type has been written at keeps its golden file and still decodes.
            for (int schema = 1; schema <= type.schema(); schema++) {
                String path = "schema-" + schema + "/" + type.name() + ".json";
                byte[] golden = golden(path);
                assertThat(EventCodec.decode(golden)).as(path).isInstanceOf(type.record());
            }
        }
    }

    @Test
    void a_field_this_build_does_not_know_stops_the_reader_instead_of_being_dropped() {
        String withExtra = text(golden("schema-1/DownloadsCounted.json")).replace("\"node\":\"node-a\"",
                "\"node\":\"node-a\",\"region\":\"eu-west\"");

        assertThatThrownBy(() -> EventCodec.decode(withExtra.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UndecodableEvent.class)
                .hasMessage("unknown field 'region' in event type 'DownloadsCounted' (schema 1)");
    }

    @Test
    void a_renamed_type_or_field_no_longer_reads_the_golden_bytes() {
        String golden = text(golden("schema-1/DownloadsCounted.json"));

        assertThatThrownBy(() -> EventCodec.decode(golden.replace("\"DownloadsCounted\"", "\"DownloadCount\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessage("unknown event type 'DownloadCount' (schema 1)");
        assertThatThrownBy(() -> EventCodec.decode(golden.replace("counts_by_version", "counts").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UndecodableEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(golden.replace("\"node\"", "\"node_id\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessageContaining("unknown field 'node_id'");
    }

    @Test
    void an_old_shape_is_read_through_an_upcaster_into_todays_record() throws Exception {
        // Suppose schema 2 of DownloadsCounted is today's record and schema 1 had called the
        // package "package" and the counts "counts": one upcaster brings the old bytes up to date.
        EventTypes nextRelease = withSchema2OfDownloads(Upcaster.of(DownloadsCounted.TYPE, 1, body -> {
            body.set("name", body.remove("package"));
            body.set("counts_by_version", body.remove("counts"));
            return body;
        }));
        byte[] schema1 = """
                {"schema":1,"type":"DownloadsCounted","event":{"event_id":"7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5",\
                "package":"wasi:http","counts":{"0.2.0":17},"node":"node-a"}}""".getBytes(StandardCharsets.UTF_8);

        DownloadsCounted d = (DownloadsCounted) EventCodec.decode(nextRelease, schema1);

        assertThat(d).isEqualTo(new DownloadsCounted(UUID.fromString("7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5"), "wasi:http",
                Map.of("0.2.0", 17L), "node-a"));
        assertThat(text(EventCodec.encode(nextRelease, d))).startsWith("{\"schema\":2,\"type\":\"DownloadsCounted\"");
    }

    @Test
    void the_golden_files_still_decode_after_the_schema_moves_on() throws Exception {
        EventTypes nextRelease = withSchema2OfDownloads(Upcaster.of(DownloadsCounted.TYPE, 1, body -> body));

        assertThat(EventCodec.decode(nextRelease, golden("schema-1/DownloadsCounted.json")))
                .isEqualTo(EventCodec.decode(golden("schema-1/DownloadsCounted.json")));
        assertThatThrownBy(() -> EventCodec.decode(withSchema2OfDownloads(null), golden("schema-1/DownloadsCounted.json")))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessage("no upcaster from schema 1 of event type 'DownloadsCounted'");
    }

    @Test
    void a_type_renamed_in_java_keeps_reading_its_old_wire_name() throws Exception {
        EventTypes renamed = EventTypes.BUILT_IN.with(EventType.of("DownloadsTallied", 1, DownloadsCounted.class));
        String golden = text(golden("schema-1/DownloadsCounted.json"));

        assertThat(EventCodec.decode(renamed, golden.replace("\"DownloadsCounted\"", "\"DownloadsTallied\"").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(EventCodec.decode(golden.getBytes(StandardCharsets.UTF_8)));
        assertThat(text(EventCodec.encode(renamed, EventCodec.decode(golden.getBytes(StandardCharsets.UTF_8))))).isEqualTo(golden);
    }

    @Test
    void newer_schemas_unknown_types_and_garbage_are_refused_with_what_they_are() {
        assertThatThrownBy(() -> EventCodec.decode("{\"schema\":2,\"type\":\"PublishVersion\",\"event\":{}}".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class)
                .hasMessage("unknown schema 2 of event type 'PublishVersion' (this build reads up to 1)");
        assertThatThrownBy(() -> EventCodec.decode("{\"schema\":1,\"type\":\"NamespaceClaimed\",\"event\":{}}".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class)
                .hasMessage("unknown event type 'NamespaceClaimed' (schema 1)")
                .satisfies(e -> {
                    assertThat(((EventCodec.UndecodableEvent) e).type()).isEqualTo("NamespaceClaimed");
                    assertThat(((EventCodec.UndecodableEvent) e).schema()).isEqualTo(1);
                });
        assertThatThrownBy(() -> EventCodec.decode("not json".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessageStartingWith("malformed event: not JSON");
        assertThatThrownBy(() -> EventCodec.decode("[1,2]".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessage("malformed event: not a {schema, type, event} envelope");
    }

    private static EventTypes withSchema2OfDownloads(Upcaster upcaster) {
        EventTypes types = EventTypes.BUILT_IN.without(DownloadsCounted.TYPE)
                .with(EventType.of(DownloadsCounted.TYPE, 2, DownloadsCounted.class));
        return upcaster == null ? types : types.with(upcaster);
    }

    private static byte[] golden(String path) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/events/" + path)) {
            if (in == null) throw new AssertionError("no golden file events/" + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
