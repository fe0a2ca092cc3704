package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many publishers race for one name@version with different bytes: the log picks exactly one. */
class ConcurrentPublishTest {

    @TempDir
    Path data;

    @Test
    void parallel_publishes_of_one_version_give_exactly_one_201_and_everyone_reads_the_winner() throws Exception {
        int racers = 16;
        byte[] base = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            // Same component, one extra custom section naming the racer: valid WebAssembly, other bytes.
            byte[] name = ("racer-" + i).getBytes();
            byte[] section = new byte[2 + 1 + name.length];
            section[0] = 0;
            section[1] = (byte) (1 + name.length);
            section[2] = (byte) name.length;
            System.arraycopy(name, 0, section, 3, name.length);
            byte[] variant = java.util.Arrays.copyOf(base, base.length + section.length);
            System.arraycopy(section, 0, variant, base.length, section.length);
            variants.add(variant);
        }
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret"));
             ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            RunProtocol run = new RunProtocol(registry.url());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RunProtocol.Answer>> answers = new ArrayList<>();
            for (byte[] variant : variants) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return run.publish("admin-secret", Map.of("name", "race:calc", "version", "1.0.0",
                            "sha256", RunProtocol.sha256(variant)), "component", "application/wasm", variant);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            String winner = null;
            for (Future<RunProtocol.Answer> f : answers) {
                RunProtocol.Answer a = f.get();
                statuses.add(a.status());
                if (a.status() == 201) winner = a.json().get("sha256").asText();
            }

            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(racers - 1);
            assertThat(run.meta("race:calc", "1.0.0").json().get("sha256").asText()).isEqualTo(winner);
            for (int i = 0; i < 5; i++) {
                assertThat(RunProtocol.sha256(run.download("race:calc", "1.0.0").body())).isEqualTo(winner);
            }
            assertThat(run.search("race:calc").json().get("packages").get(0).get("sha256").asText()).isEqualTo(winner);
        }
    }
}
