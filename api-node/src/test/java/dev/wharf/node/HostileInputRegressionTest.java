package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's findings that the core refactor fixes: JSON arrays holding null are a 400 naming
 * the field (they were a 503, then a 500), and a publish id nobody issued is a 404 (it answered
 * "pending" forever).
 */
class HostileInputRegressionTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;
    static byte[] component;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        component = Files.readAllBytes(file);
    }

    @Test
    void targets_holding_null_are_a_400_naming_targets() throws Exception {
        for (String targets : List.of("[null]", "[\"wasm32-wasip2\", null]")) {
            RunProtocol.Answer a = publishWith("targets", targets);
            assertThat(a.status()).as(targets).isEqualTo(400);
            assertThat(a.json().get("message").asText()).as(targets).contains("targets");
        }
    }

    @Test
    void dependencies_holding_null_are_a_400_naming_dependencies() throws Exception {
        for (String dependencies : List.of("[null]", "[{\"name\":\"a:b\",\"version\":\"^1.0.0\"}, null]")) {
            RunProtocol.Answer a = publishWith("dependencies", dependencies);
            assertThat(a.status()).as(dependencies).isEqualTo(400);
            assertThat(a.json().get("message").asText()).as(dependencies).contains("dependencies");
        }
    }

    @Test
    void a_made_up_publish_id_is_404() throws Exception {
        RunProtocol.Answer a = run.get("/api/v1/publishes/" + UUID.randomUUID());
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("not_found");
    }

    private static RunProtocol.Answer publishWith(String field, String json) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "regression:p" + Long.toHexString(System.nanoTime()));
        fields.put("version", "1.0.0");
        fields.put(field, json);
        return run.publish(StandaloneRegistry.ADMIN_TOKEN, fields, "component", "application/wasm", component);
    }
}
