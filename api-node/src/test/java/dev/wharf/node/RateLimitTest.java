package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate limit is off unless configured, when it trips it says so in JSON, and it never refuses a health probe. */
class RateLimitTest {

    @TempDir
    Path data;

    @Test
    void ordinary_use_never_trips_it_and_a_configured_limit_answers_429() throws Exception {
        try (RunningRegistry open = RunningRegistry.start(data.resolve("open"), Map.of())) {
            RunProtocol run = new RunProtocol(open.url());
            for (int i = 0; i < 300; i++) {
                assertThat(run.get("/api/v1/packages/a%3Ab/versions").status()).isEqualTo(404);
            }
        }
        try (RunningRegistry limited = RunningRegistry.start(data.resolve("limited"),
                Map.of("REGISTRY_RATE_LIMIT_PER_MIN", "5"))) {
            RunProtocol run = new RunProtocol(limited.url());
            for (int i = 0; i < 5; i++) assertThat(run.get("/packages").status()).isEqualTo(200);
            RunProtocol.Answer tripped = run.get("/packages");
            assertThat(tripped.status()).isEqualTo(429);
            assertThat(tripped.json().get("error").asText()).isEqualTo("too_many_requests");
            // Load balancer probes are never refused, before or after the budget is spent.
            for (int i = 0; i < 20; i++) assertThat(run.get("/health").status()).isEqualTo(200);
        }
    }
}
