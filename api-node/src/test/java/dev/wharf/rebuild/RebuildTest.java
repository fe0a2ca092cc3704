package dev.wharf.rebuild;

import dev.wharf.projection.ProjectionRebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.node.RebuildCommand;
import dev.wharf.node.WharfConfiguration;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator stops the registry, rebuilds every projection from the log, and starts it again. */
class RebuildTest {

    @TempDir
    Path data;

    @Test
    void replaying_the_log_gives_back_the_same_state() throws Exception {
        Map<String, String> env = Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret");
        String packagesBefore;
        String statsBefore;
        WharfConfiguration config;
        try (RunningRegistry registry = RunningRegistry.start(data, env)) {
            RunProtocol run = new RunProtocol(registry.url());
            Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
            for (int i = 0; i < 5; i++) {
                assertThat(run.publish("admin-secret", "rebuild:pkg-" + (i % 2), "1." + i + ".0", file).status()).isEqualTo(201);
            }
            assertThat(run.publish("admin-secret", "rebuild:pkg-0", "1.0.0", file).status()).isEqualTo(409);
            run.download("rebuild:pkg-0", "1.0.0");
            run.download("rebuild:pkg-1", "1.1.0");
            Eventually.await(Duration.ofSeconds(20), () -> run.get("/api/v1/stats").json().get("download_count").asLong(), n -> n == 2);
            packagesBefore = run.get("/packages").text();
            WharfConfiguration live = registry.configuration();
            assertThatThrownBy(() -> RebuildCommand.rebuild(live, new PrintStream(new ByteArrayOutputStream())))
                    .as("a rebuild must never run under a live node")
                    .hasMessageContaining("another Wharf process is using");
            statsBefore = run.get("/api/v1/stats").json().get("version_count").asText();
            config = registry.configuration();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProjectionRebuild.Report report = RebuildCommand.rebuild(config, new PrintStream(out, true));

        assertThat(report.equal()).as(out.toString()).isTrue();
        // 5 publishes and one DownloadsCounted per package; the fast-path 409 never reached the log.
        assertThat(report.eventsReplayed()).isEqualTo(7);
        assertThat(out.toString()).contains("EQUALS");
        try (RunningRegistry registry = RunningRegistry.start(data, env)) {
            RunProtocol run = new RunProtocol(registry.url());
            assertThat(run.get("/packages").text()).isEqualTo(packagesBefore);
            assertThat(run.get("/api/v1/stats").json().get("version_count").asText()).isEqualTo(statsBefore);
            assertThat(run.get("/api/v1/stats").json().get("download_count").asLong()).isEqualTo(2);
            long found = Eventually.await(Duration.ofSeconds(20), () -> run.search("rebuild").json().get("total").asLong(), n -> n == 2);
            assertThat(found).isEqualTo(2);
        }
    }
}
