package dev.wharf.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/stats keeps the four numbers and adds the top packages, the newest versions and namespaces. */
class StatsApiTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;

    @BeforeAll
    static void start() throws Exception {
        run = registry.run();
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        for (String[] p : new String[][] {{"acme:one", "1.0.0"}, {"acme:two", "1.0.0"}, {"acme:two", "1.1.0"}, {"zed:three", "0.1.0"}}) {
            assertThat(run.publish("admin-secret", p[0], p[1], file).status()).isEqualTo(201);
        }
        run.download("acme:two", "1.1.0");
        run.download("acme:two", "1.0.0");
        run.download("zed:three", "0.1.0");
    }

    @Test
    void the_four_numbers_stay_and_the_highlights_follow() throws Exception {
        JsonNode stats = Eventually.await(Duration.ofSeconds(20), () -> run.get("/api/v1/stats").json(),
                s -> s.get("download_count").asLong() == 3 && s.get("top_packages").size() == 2);
        assertThat(stats.fieldNames()).toIterable().startsWith("package_count", "version_count", "download_count", "uptime_percent");
        assertThat(stats.get("package_count").asLong()).isEqualTo(3);
        assertThat(stats.get("version_count").asLong()).isEqualTo(4);
        assertThat(stats.get("top_packages").get(0).get("name").asText()).isEqualTo("acme:two");
        assertThat(stats.get("top_packages").get(0).get("downloads").asLong()).isEqualTo(2);
        assertThat(stats.get("top_packages").get(1).get("name").asText()).isEqualTo("zed:three");
        assertThat(stats.get("newest_versions")).hasSize(4);
        assertThat(stats.get("namespaces").get(0).get("namespace").asText()).isEqualTo("acme");
        assertThat(stats.get("namespaces").get(0).get("package_count").asLong()).isEqualTo(2);
        assertThat(stats.get("namespaces").get(1).get("namespace").asText()).isEqualTo("zed");
    }
}
