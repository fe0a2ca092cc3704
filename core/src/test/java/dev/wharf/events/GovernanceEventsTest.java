package dev.wharf.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The governance events are plain snake_case records on the log, keyed so each token's and package's events keep their order. */
class GovernanceEventsTest {

    static final Actor ACTOR = new Actor("tok-1", "ci", "node-2");

    @Test
    void every_governance_event_reads_back_as_it_was_written() throws Exception {
        List<RegistryEvent> events = List.of(
                new TokenIssued(UUID.randomUUID(), 1L, "tok-9", "ci", List.of("alice"), List.of("publish"), 99L, "ab".repeat(32), ACTOR),
                new TokenRevoked(UUID.randomUUID(), 2L, "tok-9", "leaked", ACTOR),
                new VersionYanked(UUID.randomUUID(), 3L, "alice:calc", "1.0.0", "broken", ACTOR),
                new VersionUnyanked(UUID.randomUUID(), 4L, "alice:calc", "1.0.0", ACTOR),
                new PackageDeprecated(UUID.randomUUID(), 5L, "alice:calc", "use alice:calc2", ACTOR),
                new PackageDeprecated(UUID.randomUUID(), 6L, "alice:calc", null, ACTOR));
        for (RegistryEvent event : events) assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void fields_are_snake_case_and_token_events_are_keyed_by_token() {
        TokenIssued issued = new TokenIssued(UUID.randomUUID(), 1L, "tok-9", "ci", List.of("*"), List.of("admin"), null,
                "cd".repeat(32), ACTOR);
        String json = new String(EventCodec.encode(issued), StandardCharsets.UTF_8);
        assertThat(json).contains("\"token_id\":\"tok-9\"", "\"secret_sha256\":", "\"expires_at\":null",
                "\"actor\":{\"token_id\":\"tok-1\",\"token_name\":\"ci\",\"node\":\"node-2\"}");
        assertThat(issued.key()).isEqualTo("token:tok-9");
        assertThat(new VersionYanked(UUID.randomUUID(), 1L, "alice:calc", "1.0.0", null, ACTOR).key()).isEqualTo("alice:calc");
    }

    @Test
    void a_publish_written_before_actors_were_recorded_reads_with_none() throws Exception {
        String old = "{\"schema\":1,\"type\":\"PublishVersion\",\"event\":{\"event_id\":\"" + UUID.randomUUID()
                + "\",\"published_at\":1,\"name\":\"alice:calc\",\"version\":\"1.0.0\",\"description\":\"\",\"dependencies\":[],"
                + "\"targets\":[],\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":1,\"publisher\":\"alice\"}}";
        PublishVersion p = (PublishVersion) EventCodec.decode(old.getBytes(StandardCharsets.UTF_8));
        assertThat(p.actor()).isNull();
        assertThat(p.at()).isNull();
        assertThat(p.by(ACTOR, 1234L).actor()).isEqualTo(ACTOR);
    }
}
