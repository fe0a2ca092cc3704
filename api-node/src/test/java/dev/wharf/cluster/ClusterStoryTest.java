package dev.wharf.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.kafka.EventLog;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.projection.ProjectionRebuild;
import dev.wharf.oci.OciClient;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The cluster on real engines, each its own process: three Kafka brokers (replication 3,
 * min ISR 2), S3Proxy, PostgreSQL, two indexers and three api-nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStoryTest {

    @TempDir
    static Path dir;
    static TestCluster cluster;
    static RunProtocol a;
    static RunProtocol b;
    static RunProtocol c;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 3, 2, 3);
        a = new RunProtocol(cluster.node(1));
        b = new RunProtocol(cluster.node(2));
        c = new RunProtocol(cluster.node(3));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void publish_on_node_a_then_read_it_on_b_and_c_at_once() throws Exception {
        Path file = Fixtures.component("component/example-http-hello-dummy-0.1.0.wasm");
        byte[] bytes = Files.readAllBytes(file);

        RunProtocol.Answer published = a.publish("admin-secret", "example:http-hello", "0.1.0", file);
        assertThat(published.status()).as(published.text()).isEqualTo(201);

        for (RunProtocol other : List.of(b, c)) {
            assertThat(other.versions("example:http-hello").json().get("versions").get(0).asText()).isEqualTo("0.1.0");
            assertThat(other.meta("example:http-hello", "0.1.0").json().get("sha256").asText()).isEqualTo(RunProtocol.sha256(bytes));
            assertThat(other.download("example:http-hello", "0.1.0").body()).isEqualTo(bytes);
        }
        long start = System.nanoTime();
        for (RunProtocol other : List.of(b, c)) {
            long total = Eventually.await(Duration.ofSeconds(10),
                    () -> other.search("http-hello").json().get("total").asLong(), n -> n == 1);
            assertThat(total).isEqualTo(1);
        }
        System.out.printf("search visible on nodes B and C %d ms after the 201 on A%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    @Order(2)
    void parallel_publishes_of_one_version_over_all_nodes_give_one_winner_that_every_node_and_a_rebuild_agree_on()
            throws Exception {
        byte[] base = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
        List<RunProtocol> nodes = List.of(a, b, c);
        int racers = 12;
        List<Future<RunProtocol.Answer>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                byte[] variant = withCustomSection(base, "racer-" + i);
                RunProtocol node = nodes.get(i % nodes.size());
                answers.add(pool.submit(() -> {
                    go.await();
                    return node.publish("admin-secret", java.util.Map.of("name", "race:calc", "version", "1.0.0"),
                            "component", "application/wasm", variant);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            String winner = null;
            for (Future<RunProtocol.Answer> f : answers) {
                RunProtocol.Answer answer = f.get();
                statuses.add(answer.status());
                if (answer.status() == 201) winner = answer.json().get("sha256").asText();
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(racers - 1);
            for (RunProtocol node : nodes) {
                assertThat(node.meta("race:calc", "1.0.0").json().get("sha256").asText()).isEqualTo(winner);
                assertThat(RunProtocol.sha256(node.download("race:calc", "1.0.0").body())).isEqualTo(winner);
                String w = winner;
                JsonNode hit = Eventually.await(Duration.ofSeconds(10),
                        () -> node.search("race:calc").json().get("packages").path(0), h -> w.equals(h.path("sha256").asText()));
                assertThat(hit.get("sha256").asText()).isEqualTo(winner);
            }
        }

        SQLiteDataSource scratchSource = new SQLiteDataSource();
        scratchSource.setUrl("jdbc:sqlite:" + dir.resolve("rebuild.db"));
        MetadataStore.migrate(scratchSource);
        MetadataStore live = new MetadataStore(Jdbi.create(cluster.postgres().dataSource()));
        ProjectionRebuild.Report report = ProjectionRebuild.compare(kafka(), live, new MetadataStore(Jdbi.create(scratchSource)));
        assertThat(report.equal()).as(String.join("\n", report.differences())).isTrue();
    }

    @Test
    @Order(3)
    void a_new_node_joining_a_cluster_with_10k_versions_serves_correct_search_results() throws Exception {
        int packages = 5000;
        int versions = 2;
        try (EventLog log = new EventLog(kafka(), Duration.ofSeconds(30))) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int p = 0; p < packages; p++) {
                for (int v = 0; v < versions; v++) {
                    sent.add(log.append(new PublishVersion(UUID.randomUUID(), 1_700_000_000L + p, "bulk:widget-" + p,
                            "1." + v + ".0", "widget number " + p + (p == 777 ? " with a unique zebra" : ""), null, null, null,
                            List.of(), List.of(), "ab".repeat(32), 10, new WasmSummary("component", List.of(), List.of(), null), "*")));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        }
        long start = System.nanoTime();
        cluster.start("node-4");
        cluster.awaitHealthy("node-4", Duration.ofSeconds(180));
        RunProtocol joined = new RunProtocol(cluster.node(4));
        long found = Eventually.await(Duration.ofSeconds(120),
                () -> joined.search("widget").json().get("total").asLong(), n -> n >= packages);
        System.out.printf("a new node served all %d packages (%d versions) %d ms after it was started%n",
                packages, packages * versions, (System.nanoTime() - start) / 1_000_000);
        assertThat(found).isEqualTo(packages);
        JsonNode zebra = joined.search("zebra").json();
        assertThat(zebra.get("total").asLong()).isEqualTo(1);
        assertThat(zebra.get("packages").get(0).get("name").asText()).isEqualTo("bulk:widget-777");
        assertThat(zebra.get("packages").get(0).get("version").asText()).isEqualTo("1.1.0");
        assertThat(joined.search("http-hello").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void an_oci_push_on_node_a_is_pullable_on_b_and_c_right_after_the_201_with_the_same_manifest_bytes() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm"));
        OciClient.Answer pushed = new OciClient(cluster.node(1)).withToken("admin-secret")
                .pushComponent("cluster/oci-pushed", "1.1.0", bytes, java.util.Map.of());
        assertThat(pushed.status()).as(pushed.text()).isEqualTo(201);
        String digest = pushed.header("Docker-Content-Digest").orElseThrow();

        RunProtocol.Answer runPublished = b.publish("admin-secret", "cluster:run-published", "1.0.0",
                Fixtures.component("component/example-calculator-1.0.0.wasm"));
        assertThat(runPublished.status()).isEqualTo(201);
        java.util.Set<String> runDigests = new java.util.HashSet<>();
        for (int node : List.of(1, 2, 3)) {
            OciClient oci = new OciClient(cluster.node(node));
            OciClient.Answer manifest = oci.get("/v2/cluster/oci-pushed/manifests/1.1.0");
            assertThat(manifest.status()).as("node " + node).isEqualTo(200);
            assertThat(OciClient.digest(manifest.body())).as("node " + node).isEqualTo(digest);
            assertThat(oci.get("/v2/cluster/oci-pushed/blobs/" + OciClient.digest(bytes)).body()).isEqualTo(bytes);
            OciClient.Answer fromRun = oci.get("/v2/cluster/run-published/manifests/1.0.0");
            assertThat(fromRun.status()).as("node " + node).isEqualTo(200);
            runDigests.add(fromRun.header("Docker-Content-Digest").orElseThrow());
        }
        assertThat(runDigests).as("every node derives the same manifest").hasSize(1);
        assertThat(c.meta("cluster:oci-pushed", "1.1.0").json().get("sha256").asText()).isEqualTo(RunProtocol.sha256(bytes));
    }

    static KafkaSettings kafka() {
        KafkaSettings settings = new KafkaSettings();
        settings.bootstrapServers = cluster.bootstrapServers();
        return settings;
    }

    static byte[] withCustomSection(byte[] base, String name) {
        byte[] n = name.getBytes();
        byte[] section = new byte[3 + n.length];
        section[0] = 0;
        section[1] = (byte) (1 + n.length);
        section[2] = (byte) n.length;
        System.arraycopy(n, 0, section, 3, n.length);
        byte[] out = java.util.Arrays.copyOf(base, base.length + section.length);
        System.arraycopy(section, 0, out, base.length, section.length);
        return out;
    }
}
