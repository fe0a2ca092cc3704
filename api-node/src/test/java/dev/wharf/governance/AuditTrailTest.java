package dev.wharf.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.node.RebuildCommand;
import dev.wharf.node.WharfConfiguration;
import dev.wharf.projection.ProjectionRebuild;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.GovernanceCalls;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An auditor reads who did what after a release went wrong, before and after the operator rebuilds the node. */
class AuditTrailTest {

    @TempDir
    Path data;

    record Line(String type, String tokenName, String packageName, String version) {}

    static List<Line> lines(JsonNode page) {
        return StreamSupport.stream(page.get("entries").spliterator(), false)
                .map(e -> new Line(e.get("type").asText(), e.get("actor").get("token_name").asText(),
                        e.get("package").isNull() ? null : e.get("package").asText(),
                        e.get("version").isNull() ? null : e.get("version").asText()))
                .toList();
    }

    @Test
    void a_scripted_session_is_in_the_trail_with_its_actors_and_again_after_a_rebuild() throws Exception {
        Map<String, String> env = Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret", "REGISTRY_TOKENS", "erin:erin-secret",
                "NODE_ID", "node-audit");
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        String trail;
        String secret;
        WharfConfiguration config;
        try (RunningRegistry registry = RunningRegistry.start(data, env)) {
            RunProtocol run = new RunProtocol(registry.url());
            GovernanceCalls gov = new GovernanceCalls(registry.url());
            JsonNode bot = gov.issueToken("admin-secret", "release bot", List.of("erin"), List.of("publish"), 7).json();
            secret = bot.get("token").asText();
            assertThat(run.publish(secret, "erin:tool", "1.0.0", file).status()).isEqualTo(201);
            assertThat(run.publish("erin-secret", "erin:tool", "1.1.0", file).status()).isEqualTo(201);
            assertThat(gov.yank(secret, "erin:tool", "1.1.0", "wrong build flags").status()).isEqualTo(200);
            assertThat(gov.revoke("admin-secret", bot.get("id").asText()).status()).isEqualTo(204);
            // Downloads are traffic, not changes: they stay out of the trail.
            run.download("erin:tool", "1.0.0");
            Eventually.await(Duration.ofSeconds(20), () -> run.get("/api/v1/stats").json().get("download_count").asLong(), n -> n == 1);

            RunProtocol.Answer answer = gov.audit("admin-secret", null);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(lines(answer.json())).containsExactly(
                    new Line("TokenIssued", "env:admin", null, null),
                    new Line("PublishVersion", "release bot", "erin:tool", "1.0.0"),
                    new Line("PublishVersion", "env:erin", "erin:tool", "1.1.0"),
                    new Line("VersionYanked", "release bot", "erin:tool", "1.1.0"),
                    new Line("TokenRevoked", "env:admin", null, null));
            JsonNode first = answer.json().get("entries").get(0);
            assertThat(first.fieldNames()).toIterable()
                    .containsExactly("at", "type", "actor", "node", "package", "version", "detail");
            assertThat(first.get("node").asText()).isEqualTo("node-audit");
            assertThat(first.get("actor").get("token_id").asText()).isEqualTo("env:admin");
            assertThat(answer.json().get("entries").get(1).get("actor").get("token_id").asText()).isEqualTo(bot.get("id").asText());
            assertThat(answer.text()).doesNotContain(secret).contains("wrong build flags");

            // Paging by cursor, and the filters.
            JsonNode page1 = gov.audit("admin-secret", "limit=2").json();
            assertThat(page1.get("entries")).hasSize(2);
            JsonNode page2 = gov.audit("admin-secret", "limit=2&after=" + page1.get("next").asText()).json();
            assertThat(lines(page2)).containsExactly(lines(answer.json()).get(2), lines(answer.json()).get(3));
            assertThat(lines(gov.audit("admin-secret", "package=erin:tool").json())).hasSize(3);
            assertThat(lines(gov.audit("admin-secret", "actor=" + bot.get("id").asText()).json())).hasSize(2);
            assertThat(lines(gov.audit("admin-secret", "actor=env:erin").json())).hasSize(1);
            assertThat(gov.audit("erin-secret", null).status()).isEqualTo(403);
            assertThat(gov.audit("admin-secret", "after=nonsense").status()).isEqualTo(400);
            trail = answer.text();
            config = registry.configuration();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProjectionRebuild.Report report = RebuildCommand.rebuild(config, new PrintStream(out, true));
        assertThat(report.equal()).as(out.toString()).isTrue();
        try (RunningRegistry registry = RunningRegistry.start(data, env)) {
            GovernanceCalls gov = new GovernanceCalls(registry.url());
            assertThat(gov.audit("admin-secret", null).text()).isEqualTo(trail);
            // The token projection replays the log at start: the revoked token stays revoked.
            assertThat(new RunProtocol(registry.url()).publish(secret, "erin:tool", "1.2.0", file).status()).isEqualTo(401);
        }
    }
}
