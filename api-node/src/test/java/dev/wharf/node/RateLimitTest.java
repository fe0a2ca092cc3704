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

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_budget_and_a_refusal_says_when_to_retry() throws Exception {
        try (RunningRegistry limited = RunningRegistry.start(data.resolve("proxied"),
                Map.of("REGISTRY_RATE_LIMIT_PER_MIN", "3", "TRUSTED_PROXIES", "127.0.0.1"))) {
            RunProtocol run = new RunProtocol(limited.url());
            Map<String, String> alice = Map.of("X-Forwarded-For", "203.0.113.5");
            for (int i = 0; i < 3; i++) assertThat(run.get("/packages", alice).status()).isEqualTo(200);
            RunProtocol.Answer tripped = run.get("/packages", alice);
            assertThat(tripped.status()).isEqualTo(429);
            long retryAfter = Long.parseLong(tripped.raw().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(tripped.json().get("message").asText()).contains("try again in " + retryAfter + " s");
            // Another client behind the same proxy is not refused for alice's requests.
            assertThat(run.get("/packages", Map.of("X-Forwarded-For", "203.0.113.6")).status()).isEqualTo(200);
        }
    }
}
