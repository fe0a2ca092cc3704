package dev.wharf.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL one process of each kind while publishes stream in, start it again, and check that
 * nothing acknowledged was lost: every 201 is readable with its exact bytes on every node,
 * every 202 is eventually applied, and the failures in between were clear 503s.
 */
class ClusterFaultTest {

    @TempDir
    static Path dir;
    static TestCluster cluster;
    static byte[] component;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 3, 2, 3);
        component = Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @ParameterizedTest(name = "kill -9 {0}")
    @ValueSource(strings = {"node-1", "indexer-1", "kafka-2", "s3", "postgres"})
    void nothing_acknowledged_is_lost_when_a_process_dies(String victim) throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> pending = new ConcurrentHashMap<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        String pkg = "fault:" + victim.replace("-", "");
        List<RunProtocol> nodes = List.of(new RunProtocol(cluster.node(1)), new RunProtocol(cluster.node(2)),
                new RunProtocol(cluster.node(3)));

        Thread publisher = new Thread(() -> {
            for (int i = 0; i < 2_000 && running.get(); i++) {
                int n = sequence.getAndIncrement();
                RunProtocol node = nodes.get(n % 3);
                // Six packages, so the load spans partitions owned by every indexer.
                String coordinates = pkg + "-" + (n % 6) + "@1.0." + n;
                try {
                    RunProtocol.Answer a = node.publish("admin-secret",
                            Map.of("name", pkg + "-" + (n % 6), "version", "1.0." + n),
                            "component", "application/wasm", ClusterStoryTest.withCustomSection(component, "v" + n));
                    statuses.add(a.status());
                    if (a.status() == 201) acknowledged.put(coordinates, a.json().get("sha256").asText());
                    if (a.status() == 202) pending.put(coordinates, a.json().get("status_url").asText());
                } catch (IOException e) {
                    statuses.add(-1); // the node we asked is the one that died
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        publisher.start();
        try {
            Eventually.await(Duration.ofSeconds(60), acknowledged::size, s -> s >= 5);
            killAndRestart(victim);
            long restarted = System.nanoTime();
            int before = acknowledged.size();
            Eventually.await(Duration.ofSeconds(120), acknowledged::size, s -> s >= before + 10);
            System.out.printf("%s: publishes acknowledged again %d ms after the restart%n", victim,
                    (System.nanoTime() - restarted) / 1_000_000);
            assertThat(acknowledged.size()).as("the cluster recovers without manual repair").isGreaterThanOrEqualTo(before + 10);
        } finally {
            running.set(false);
            publisher.join();
        }

        assertThat(statuses).as("outages are 503 or 202, never another 5xx")
                .allMatch(s -> s == 201 || s == 202 || s == 503 || s == -1);
        for (RunProtocol node : nodes) {
            for (var entry : acknowledged.entrySet()) {
                String name = entry.getKey().substring(0, entry.getKey().indexOf('@'));
                String version = entry.getKey().substring(entry.getKey().indexOf('@') + 1);
                RunProtocol.Answer meta = node.meta(name, version);
                assertThat(meta.status()).as("%s on %s", entry.getKey(), node).isEqualTo(200);
                assertThat(meta.json().get("sha256").asText()).isEqualTo(entry.getValue());
                assertThat(RunProtocol.sha256(node.download(name, version).body())).isEqualTo(entry.getValue());
            }
        }
        for (var entry : pending.entrySet()) {
            String status = Eventually.await(Duration.ofSeconds(60),
                    () -> nodes.get(1).get(entry.getValue()).json().get("status").asText(), s -> !s.equals("pending"));
            assertThat(status).as("202 for %s is applied once the indexer is back", entry.getKey()).isEqualTo("accepted");
        }
        System.out.printf("%s: %d acknowledged, %d pending (202), statuses %s%n", victim, acknowledged.size(), pending.size(),
                statuses.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));
    }

    private static void killAndRestart(String victim) throws Exception {
        if (victim.equals("postgres")) {
            Process kill = new ProcessBuilder("bash", "-c", "kill -KILL $(pgrep -o -x postgres)").inheritIO().start();
            kill.waitFor();
            outage();
            Eventually.await(Duration.ofSeconds(60), ClusterFaultTest::startPostgres, ok -> ok);
            return;
        }
        cluster.kill(victim);
        if (victim.equals("s3")) {
            RunProtocol.Answer health = Eventually.await(Duration.ofSeconds(30),
                    () -> new RunProtocol(cluster.node(2)).get("/health"), h -> h.status() == 503);
            assertThat(health.status()).as("a node that cannot store blobs says so on /health").isEqualTo(503);
            assertThat(health.json().get("failing").has("blobs")).isTrue();
        }
        outage();
        cluster.start(victim);
        if (victim.startsWith("node-") || victim.startsWith("indexer-")) cluster.awaitHealthy(victim, Duration.ofSeconds(180));
    }

    /** Let the load run into the outage for a moment, bounded. */
    private static void outage() throws InterruptedException {
        Thread.sleep(3_000);
    }

    private static boolean startPostgres() throws Exception {
        Process start = new ProcessBuilder("bash", "-c",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start; pg_isready -h 127.0.0.1 -q")
                .inheritIO().start();
        return start.waitFor() == 0;
    }
}
