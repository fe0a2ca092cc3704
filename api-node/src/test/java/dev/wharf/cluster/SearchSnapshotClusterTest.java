package dev.wharf.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.blob.S3BlobStore;
import dev.wharf.blob.S3Settings;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.kafka.EventLog;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.replica.SearchSnapshot;
import dev.wharf.replica.SearchSnapshots;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a new node starts from the search snapshot another node published to S3 and
 * replays only the log after it; a corrupt snapshot costs a full replay, never a wrong index.
 * Real engines: a Kafka broker, S3Proxy, PostgreSQL, api-nodes as their own processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchSnapshotClusterTest {

    static final int WIDGETS = 1500;
    static final int LATE = 300;
    static final Map<String, String> PUBLISHER = Map.of("SEARCH_SNAPSHOT_EVERY", "2000", "SEARCH_SNAPSHOT_PUBLISH", "true");
    static final Map<String, String> JOINER = Map.of("SEARCH_SNAPSHOT_EVERY", "2000");

    @TempDir
    static Path dir;
    static TestCluster cluster;
    static S3BlobStore s3;
    static RunProtocol a;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 1, 0, 0);
        cluster.start("node-1", PUBLISHER);
        cluster.awaitHealthy("node-1", Duration.ofSeconds(180));
        a = new RunProtocol(cluster.node(1));
        S3Settings settings = new S3Settings(cluster.s3().endpoint(), "wharf-blobs", cluster.s3().accessKey(), cluster.s3().secretKey());
        s3 = new S3BlobStore(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) s3.close();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void a_node_joining_after_a_snapshot_loads_it_and_replays_only_the_events_after_it() throws Exception {
        // Two versions of 1,500 widgets: node A snapshots once it has applied 2,000 records.
        append(WIDGETS, 2, "bulk:widget-", "widget number ");
        SearchSnapshot snapshot = Eventually.await(Duration.ofSeconds(120), () -> SearchSnapshots.manifest(s3),
                Optional::isPresent).orElseThrow();
        assertThat(snapshot.records()).isBetween(2000L, 2L * WIDGETS);
        assertThat(snapshot.node()).isEqualTo("node-1");

        // Events keep coming after the snapshot; A serves them.
        append(LATE, 1, "late:gadget-", "a gadget for the quokka keeper, number ");
        Eventually.await(Duration.ofSeconds(60), () -> a.search("quokka").json().get("total").asLong(), n -> n == LATE);

        cluster.start("node-2", JOINER);
        cluster.awaitHealthy("node-2", Duration.ofSeconds(180));
        RunProtocol b = new RunProtocol(cluster.node(2));
        Eventually.await(Duration.ofSeconds(60), () -> b.search("quokka").json().get("total").asLong(), n -> n == LATE);
        assertSameAnswers(a, b);

        // B opened the snapshot's offsets, and applied only what followed them.
        long total = 2L * WIDGETS + LATE;
        assertThat(gauge("node-2", "wharf_replica_resumed_records")).isEqualTo(snapshot.records());
        assertThat(gauge("node-2", "wharf_replica_applied_records")).isEqualTo(total - snapshot.records());
        assertThat(Files.readString(cluster.log("node-2"))).contains("search replica bootstrapped from snapshot " + snapshot.object());
    }

    @Test
    @Order(2)
    void a_node_finding_a_corrupt_snapshot_says_so_once_and_replays_the_whole_log() throws Exception {
        SearchSnapshot snapshot = SearchSnapshots.manifest(s3).orElseThrow();
        Path garbage = dir.resolve("garbage.snapshot");
        byte[] bytes;
        try (var in = s3.read(snapshot.object()).orElseThrow()) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length / 2] ^= 0x20; // one bit flipped inside the index files
        Files.write(garbage, bytes);
        s3.write(snapshot.object(), garbage);

        cluster.start("node-3", JOINER);
        cluster.awaitHealthy("node-3", Duration.ofSeconds(180));
        RunProtocol c = new RunProtocol(cluster.node(3));
        Eventually.await(Duration.ofSeconds(120), () -> c.search("quokka").json().get("total").asLong(), n -> n == LATE);
        assertSameAnswers(a, c);

        assertThat(gauge("node-3", "wharf_replica_resumed_records")).isZero();
        assertThat(gauge("node-3", "wharf_replica_applied_records")).isEqualTo(2L * WIDGETS + LATE);
        List<String> warnings = Files.readAllLines(cluster.log("node-3")).stream()
                .filter(l -> l.contains("WARN") && l.contains("search snapshot")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).contains(snapshot.object()).contains("SHA-256").contains("replaying the whole log");
    }

    /**
     * The same packages and latest versions, in the same order where the order is defined (by
     * date); by relevance, the same set, since equal scores are ordered by where documents sit
     * in the index, which differs between any two nodes (a replayed one included).
     */
    static void assertSameAnswers(RunProtocol expected, RunProtocol actual) throws Exception {
        for (String query : List.of("q=widget&sort=recent&limit=100", "q=quokka&sort=recent&limit=100",
                "q=&sort=recent&limit=100&offset=1000", "q=widget+number+1234&limit=20", "q=quokka+keeper+42&limit=20")) {
            JsonNode want = expected.get("/api/v1/search?" + query).json();
            JsonNode got = actual.get("/api/v1/search?" + query).json();
            assertThat(got.get("total")).as(query).isEqualTo(want.get("total"));
            assertThat(got.get("total").asLong()).as(query).isPositive();
            if (query.contains("sort=recent")) assertThat(hits(got)).as(query).isEqualTo(hits(want));
            else assertThat(hits(got)).as(query).containsExactlyInAnyOrderElementsOf(hits(want));
        }
    }

    static List<String> hits(JsonNode page) {
        List<String> hits = new ArrayList<>();
        page.get("packages").forEach(p -> hits.add(p.get("name").asText() + "@" + p.get("version").asText()));
        return hits;
    }

    static void append(int packages, int versions, String prefix, String description) throws Exception {
        KafkaSettings kafka = new KafkaSettings();
        kafka.bootstrapServers = cluster.bootstrapServers();
        try (EventLog log = new EventLog(kafka, Duration.ofSeconds(30))) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int p = 0; p < packages; p++) {
                for (int v = 0; v < versions; v++) {
                    sent.add(log.append(new PublishVersion(UUID.randomUUID(), 1_700_000_000L + p * 10L + v, prefix + p,
                            "1." + v + ".0", description + p, null, null, null, List.of(), List.of(), "ab".repeat(32), 10,
                            new WasmSummary("component", List.of(), List.of(), null), "*")));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        }
    }

    static long gauge(String node, String family) throws Exception {
        URI metrics = cluster.admin(node).resolve("/metrics");
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + family + " ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as(family + " in " + metrics).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
