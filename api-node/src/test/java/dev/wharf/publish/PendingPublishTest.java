package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the verdict is slower than PUBLISH_ACK_TIMEOUT the client gets 202 and a status URL, and nothing is lost. */
class PendingPublishTest {

    @TempDir
    Path data;

    @Test
    void a_publish_not_decided_in_time_is_202_then_accepted_through_its_status_url() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data,
                Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret", "PUBLISH_ACK_TIMEOUT", "0ms"))) {
            RunProtocol run = new RunProtocol(registry.url());
            Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");

            RunProtocol.Answer answer = run.publish("admin-secret", "slow:calc", "1.0.0", file);

            assertThat(answer.status()).as(answer.text()).isEqualTo(202);
            String statusUrl = answer.json().get("status_url").asText();
            assertThat(answer.raw().headers().firstValue("Location").orElseThrow()).endsWith(statusUrl);
            String status = Eventually.await(Duration.ofSeconds(20),
                    () -> run.get(statusUrl).json().get("status").asText(), s -> !s.equals("pending"));
            assertThat(status).isEqualTo("accepted");
            assertThat(run.meta("slow:calc", "1.0.0").status()).isEqualTo(200);

            RunProtocol.Answer again = run.publish("admin-secret", "slow:calc", "1.0.0", file);
            assertThat(again.status()).as("the fast path still sees the conflict").isEqualTo(409);
        }
    }
}
