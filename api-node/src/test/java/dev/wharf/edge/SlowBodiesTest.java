package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.fuzz.SlowBodies;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/slow-bodies in small, on every build (issue 14): 300 publishes with a valid token trickle
 * their bodies one byte every 5 s while /health, a package's versions and a search are probed
 * every 100 ms. Every probe is answered; once the slow clients are gone, no upload is left in
 * the spool. The drill with 1,100 connections and the 1 s read bound is ops/slow-bodies.
 */
class SlowBodiesTest {

    static final String TOKEN = "slow-admin-token";

    @Test
    void slow_publish_bodies_never_starve_reads_and_leave_no_spool_file(@TempDir Path data) throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", TOKEN))) {
            assertThat(new RunProtocol(registry.url()).publish(TOKEN, "slow:calc", "1.0.0",
                    Fixtures.component("component/example-calculator-1.0.0.wasm")).status()).isEqualTo(201);

            // A safety bound, not a speed target: a starved node left probes unanswered for 30 s.
            SlowBodies.Result result = SlowBodies.run(registry.url(), TOKEN, 300, Duration.ofSeconds(20), Duration.ofSeconds(5),
                    "slow:calc", Duration.ofSeconds(5));
            System.out.println("slow-bodies: " + result.summary());

            assertThat(result.probes()).isPositive();
            assertThat(result.failedProbes()).as(result.summary()).isZero();
            assertThat(result.slowProbes()).as(result.summary()).isZero();
            Path spool = data.resolve("spool");
            List<Path> left = Eventually.await(Duration.ofSeconds(30), () -> files(spool), List::isEmpty);
            assertThat(left).as("spool after the slow clients left").isEmpty();
            assertThat(new RunProtocol(registry.url()).get("/health").status()).isEqualTo(200);
        }
    }

    static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
