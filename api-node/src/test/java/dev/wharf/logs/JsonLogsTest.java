package dev.wharf.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RegistryProcess;
import dev.wharf.testing.RunProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator who ships logs to a collector sets LOG_FORMAT=json: the node's stdout is one JSON
 * object per line, requests are logged by default, and each publish logs its outcome, name,
 * version and token name — never the token.
 */
class JsonLogsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void with_log_format_json_every_line_is_json_and_publishes_and_requests_are_logged() throws Exception {
        try (RegistryProcess node = new RegistryProcess(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret-7f3a",
                "REGISTRY_TOKENS", "acme:acme-secret-91bc", "LOG_FORMAT", "json")).start(Duration.ofMinutes(4))) {
            RunProtocol run = new RunProtocol(node.url());
            Path wasm = Fixtures.component("component/example-calculator-1.1.0.wasm");
            assertThat(run.publish("admin-secret-7f3a", "acme:calc", "1.0.0", wasm).status()).isEqualTo(201);
            assertThat(run.publish("acme-secret-91bc", "acme:calc", "1.0.0", wasm).status()).isEqualTo(409);
            assertThat(run.get("/packages").status()).isEqualTo(200);

            Path log = data.resolve("node.log");
            List<JsonNode> lines = Eventually.await(Duration.ofSeconds(20), () -> jsonLines(log),
                    l -> l.stream().anyMatch(j -> j.path("message").asText().contains("outcome=conflict"))
                            && l.stream().anyMatch(j -> j.toString().contains("/packages") && j.has("status")));
            assertThat(lines.stream().map(j -> j.path("message").asText()))
                    .contains("publish outcome=published name=acme:calc version=1.0.0 token=env:admin")
                    .anyMatch(m -> m.startsWith("publish outcome=conflict name=acme:calc version=1.0.0 token=env:acme"));
            assertThat(lines).anyMatch(j -> "POST".equals(j.path("method").asText()) && j.path("status").asInt() == 201);
            assertThat(Files.readString(log)).doesNotContain("admin-secret-7f3a").doesNotContain("acme-secret-91bc");
        }
    }

    @Test
    void behind_a_load_balancer_that_logs_requests_request_log_false_leaves_only_the_application_log() throws Exception {
        try (RegistryProcess node = new RegistryProcess(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret-7f3a",
                "LOG_FORMAT", "json", "REQUEST_LOG", "false")).start(Duration.ofMinutes(4))) {
            RunProtocol run = new RunProtocol(node.url());
            Path wasm = Fixtures.component("component/example-calculator-1.1.0.wasm");
            assertThat(run.publish("admin-secret-7f3a", "acme:quiet", "1.0.0", wasm).status()).isEqualTo(201);
            assertThat(run.meta("acme:quiet", "1.0.0").status()).as("a hot read").isEqualTo(200);
            assertThat(run.get("/packages").status()).as("a read through Jersey").isEqualTo(200);
        }
        // An absence is seen once the node has stopped: stopping drains its log appenders, so
        // every line it was going to write is in the file now.
        List<JsonNode> lines = jsonLines(data.resolve("node.log"));
        assertThat(lines).as("the publish's own line").anyMatch(j -> j.path("message").asText()
                .equals("publish outcome=published name=acme:quiet version=1.0.0 token=env:admin"));
        assertThat(lines).as("no request lines").noneMatch(j -> j.has("method") || j.has("status"));
    }

    /** Every line of the node's output that starts a JSON object; the lines before logging starts (the JVM's) are skipped. */
    private static List<JsonNode> jsonLines(Path log) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("{")) continue;
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
