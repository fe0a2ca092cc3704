package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RegistryProcess;
import dev.wharf.testing.RunProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry is killed with SIGKILL in the middle of a stream of publishes, then restarted. */
class DurabilityTest {

    @TempDir
    Path data;

    @Test
    void every_publish_that_got_a_201_survives_kill_9_with_its_exact_bytes() throws Exception {
        List<Path> files = List.of(
                Fixtures.component("component/example-calculator-1.0.0.wasm"),
                Fixtures.component("component/example-calculator-1.1.0.wasm"),
                Fixtures.component("component/myorg-greeter-0.1.0.wasm"),
                Fixtures.component("component/example-http-hello-dummy-0.1.0.wasm"));
        Map<String, String> env = Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean publishing = new AtomicBoolean(true);

        try (RegistryProcess node = new RegistryProcess(data, env).start()) {
            RunProtocol run = new RunProtocol(node.url());
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < 10_000 && publishing.get(); i++) {
                    Path file = files.get(i % files.size());
                    try {
                        RunProtocol.Answer a = run.publish("admin-secret", "durable:pkg-" + (i % 7), "1.0." + i, file);
                        if (a.status() == 201) acknowledged.put("durable:pkg-" + (i % 7) + "@1.0." + i, RunProtocol.sha256(Files.readAllBytes(file)));
                    } catch (IOException e) {
                        return; // the node died under us: this publish was never acknowledged
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            publisher.start();
            Eventually.await(Duration.ofSeconds(60), acknowledged::size, n -> n >= 40);
            node.kill();
            publishing.set(false);
            publisher.join();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

            node.start();
            for (var entry : acknowledged.entrySet()) {
                String name = entry.getKey().substring(0, entry.getKey().indexOf('@'));
                String version = entry.getKey().substring(entry.getKey().indexOf('@') + 1);
                RunProtocol.Answer meta = run.meta(name, version);
                assertThat(meta.status()).as(entry.getKey()).isEqualTo(200);
                assertThat(meta.json().get("sha256").asText()).isEqualTo(entry.getValue());
                assertThat(RunProtocol.sha256(run.download(name, version).body())).as(entry.getKey()).isEqualTo(entry.getValue());
            }
            // Nothing half-written: every listed version has its bytes.
            for (var pkg : run.get("/packages").json().get("packages")) {
                for (var v : run.versions(pkg.asText()).json().get("versions")) {
                    assertThat(run.download(pkg.asText(), v.asText()).status()).isEqualTo(200);
                }
            }
            // The search replica, rebuilt from its last commit plus the log, agrees with the metadata.
            assertThat(run.search("durable").json().get("total").asLong())
                    .isEqualTo(run.get("/packages").json().get("packages").size());
        }
    }
}
