package dev.wharf.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.Dependency;
import dev.wharf.inspect.WasmSummary;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void every_event_round_trips() throws Exception {
        PublishVersion publish = new PublishVersion(UUID.randomUUID(), 1_700_000_000L, "wasi:http", "0.2.0", "HTTP",
                "Apache-2.0", "https://example.org", null, List.of(new Dependency("wasi:io", "^0.2", false)),
                List.of("wasm32-wasip2"), "a".repeat(64), 123, new WasmSummary("component",
                List.of("wasi:io/streams@0.2.0"), List.of("wasi:http/incoming-handler@0.2.0"), "proxy"), "*");
        DownloadsCounted downloads = new DownloadsCounted(UUID.randomUUID(), "wasi:http", Map.of("0.2.0", 3L), "node-a");

        assertThat(EventCodec.decode(EventCodec.encode(publish))).isEqualTo(publish);
        assertThat(EventCodec.decode(EventCodec.encode(downloads))).isEqualTo(downloads);
    }

    @Test
    void the_envelope_is_versioned_and_snake_case() {
        String json = new String(EventCodec.encode(new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.0.0", 1L), "n")),
                StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"schema\":1,\"type\":\"DownloadsCounted\"").contains("\"counts_by_version\"");
    }

    @Test
    void unknown_schemas_types_and_garbage_are_refused_not_guessed() {
        assertThatThrownBy(() -> EventCodec.decode("{\"schema\":2,\"type\":\"PublishVersion\",\"event\":{}}".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessageContaining("schema");
        assertThatThrownBy(() -> EventCodec.decode("{\"schema\":1,\"type\":\"Nope\",\"event\":{}}".getBytes()))
                .isInstanceOf(EventCodec.UndecodableEvent.class).hasMessageContaining("type");
        assertThatThrownBy(() -> EventCodec.decode("not json".getBytes())).isInstanceOf(EventCodec.UndecodableEvent.class);
    }
}
