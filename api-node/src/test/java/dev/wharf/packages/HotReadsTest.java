package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.GovernanceCalls;
import dev.wharf.testing.InMemoryNode;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunProtocol.Answer;
import dev.wharf.testing.StandaloneRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot reads (a version's metadata, a package's versions, a download) are answered in front of
 * Dropwizard's handlers; a request with a query string still goes through them to Jersey. Both must give the same
 * answer, byte for byte and header for header, and the cached answers must follow the events
 * that change them.
 */
class HotReadsTest {

    @RegisterExtension
    static final StandaloneRegistry node = new StandaloneRegistry();

    static final String TOKEN = StandaloneRegistry.ADMIN_TOKEN;
    static final String NAME = "direct:calc/calculator";
    static final List<String> SAME_HEADERS = List.of("content-type", "content-length", "etag", "cache-control",
            "accept-ranges", "content-range", "access-control-allow-origin", "access-control-expose-headers");
    static byte[] component;
    static RunProtocol run;

    @BeforeAll
    static void publish() throws Exception {
        run = node.run();
        component = Files.readAllBytes(InMemoryNode.calculator());
        assertThat(run.publish(TOKEN, NAME, "1.0.0", InMemoryNode.calculator()).status()).isEqualTo(201);
    }

    @Test
    void metadata_and_versions_are_the_same_bytes_with_or_without_jersey() throws Exception {
        String path = "/api/v1/packages/" + RunProtocol.encode(NAME);
        for (String route : List.of(path + "/1.0.0", path + "/versions")) {
            Answer direct = run.get(route, Map.of("Origin", "https://someone.example"));
            Answer viaJersey = run.get(route + "?via=jersey", Map.of("Origin", "https://someone.example"));
            assertThat(direct.status()).isEqualTo(200);
            assertSameAnswer(direct, viaJersey);
            assertThat(direct.raw().headers().firstValue("access-control-allow-origin")).as("CORS on the fast path").contains("*");
        }
        assertThat(run.get("/api/v1/packages/direct%3Acalc%2Fcalculator/1.0.0").json().get("sha256").asText())
                .isEqualTo(RunProtocol.sha256(component));
    }

    @Test
    void hot_reads_never_reach_dropwizards_handlers_and_everything_else_still_does() throws Exception {
        String meta = "/api/v1/packages/" + RunProtocol.encode(NAME) + "/1.0.0";
        long before = settledServletGets();
        for (int i = 0; i < 10; i++) {
            assertThat(run.get(meta).status()).isEqualTo(200);
            assertThat(run.versions(NAME).status()).isEqualTo(200);
            assertThat(run.download(NAME, "1.0.0").status()).isEqualTo(200);
        }
        assertThat(settledServletGets()).as("30 hot reads, none through the servlet context").isEqualTo(before);

        assertThat(run.get(meta + "?via=jersey").status()).isEqualTo(200);
        assertThat(run.get("/api/v1/packages/direct%3Anothing/versions").status()).isEqualTo(404);
        assertThat(Eventually.await(Duration.ofSeconds(10), HotReadsTest::servletGets, n -> n >= before + 2))
                .as("a query and an unknown package are Jersey's").isEqualTo(before + 2);
    }

    @Test
    void what_the_fast_path_does_not_know_is_answered_by_jersey_as_before() throws Exception {
        Answer unknown = run.meta("direct:nothing", "1.0.0");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        assertThat(run.download("direct:nothing", "1.0.0").status()).isEqualTo(404);
        assertThat(run.get("/api/v1/packages/direct%3Acalc%2Fcalculator/1.0.0", Map.of("Accept", "text/html")).status())
                .as("no JSON accepted: Jersey's content negotiation answers").isEqualTo(406);
        Answer pastTheEnd = run.get("/packages/" + RunProtocol.encode(NAME) + "/1.0.0/artifact.wasm",
                Map.of("Range", "bytes=99999999999999999999999-"));
        assertThat(pastTheEnd.status()).isEqualTo(416);
        assertThat(pastTheEnd.raw().headers().firstValue("content-range")).contains("bytes */" + component.length);
    }

    @Test
    void downloads_whole_ranged_and_revalidated_match_jersey_and_are_counted() throws Exception {
        String artifact = "/packages/" + RunProtocol.encode(NAME) + "/1.0.0/artifact.wasm";
        long before = run.meta(NAME, "1.0.0").json().get("downloads").asLong();

        Answer whole = run.get(artifact, Map.of("Origin", "https://someone.example"));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(component);
        assertSameAnswer(whole, run.get(artifact + "?via=jersey", Map.of("Origin", "https://someone.example")));

        Answer tail = run.get(artifact, Map.of("Range", "bytes=-100"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(component, component.length - 100, component.length));
        assertSameAnswer(tail, run.get(artifact + "?via=jersey", Map.of("Range", "bytes=-100")));

        Answer middle = run.get(artifact, Map.of("Range", "bytes=10-19"));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(component, 10, 20));
        assertThat(middle.raw().headers().firstValue("content-range")).contains("bytes 10-19/" + component.length);

        String etag = whole.raw().headers().firstValue("etag").orElseThrow();
        Answer revalidated = run.get(artifact, Map.of("If-None-Match", etag));
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();

        // Two whole downloads (fast path and Jersey) and one range from the start of none: ranges
        // that start past byte 0 are the rest of a download already counted.
        long counted = Eventually.await(Duration.ofSeconds(30),
                () -> run.meta(NAME, "1.0.0").json().get("downloads").asLong(), n -> n >= before + 2);
        assertThat(counted).isEqualTo(before + 2);
    }

    @Test
    void components_of_every_size_download_whole_and_in_ranges() throws Exception {
        // 887 B and 50 KB: a pooled buffer; 200 KB: the heap (above Jetty's pooled sizes); 1.5 MiB: a kept mapping.
        long servletGets = settledServletGets();
        for (int padding : new int[] {50_000, 200_000, 1_500_000}) {
            byte[] bytes = padded(component, padding);
            java.nio.file.Path file = Files.createTempFile("padded-", ".wasm");
            try {
                Files.write(file, bytes);
                String name = "direct:padded-" + padding;
                assertThat(run.publish(TOKEN, name, "1.0.0", file).status()).isEqualTo(201);
                for (int round = 0; round < 2; round++) {
                    Answer whole = run.download(name, "1.0.0");
                    assertThat(whole.status()).isEqualTo(200);
                    assertThat(whole.body()).as(padding + " bytes, round " + round).isEqualTo(bytes);
                    Answer tail = run.get("/packages/" + RunProtocol.encode(name) + "/1.0.0/artifact.wasm", Map.of("Range", "bytes=-1000"));
                    assertThat(tail.status()).isEqualTo(206);
                    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 1000, bytes.length));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        assertThat(settledServletGets()).as("every download answered by the hot path").isEqualTo(servletGets);
    }

    /** {@code wasm} with a custom section (id 0) of {@code size} zero bytes appended: still a valid component. */
    static byte[] padded(byte[] wasm, int size) {
        byte[] name = "pad".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        payload.write(name.length);
        payload.writeBytes(name);
        payload.writeBytes(new byte[size]);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(wasm);
        out.write(0);
        for (long n = payload.size(); ; ) { // unsigned LEB128
            int b = (int) (n & 0x7f);
            n >>>= 7;
            if (n == 0) { out.write(b); break; }
            out.write(b | 0x80);
        }
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    @Test
    void a_cached_versions_list_and_metadata_follow_publishes_and_yanks_at_once() throws Exception {
        String name = "direct:follow";
        assertThat(run.publish(TOKEN, name, "1.0.0", InMemoryNode.calculator()).status()).isEqualTo(201);
        assertThat(run.versions(name).json().get("versions").toString()).isEqualTo("[\"1.0.0\"]");
        assertThat(run.versions(name).json().get("versions").toString()).as("now from memory").isEqualTo("[\"1.0.0\"]");
        assertThat(run.meta(name, "1.0.0").json().path("yanked").asBoolean()).isFalse();

        assertThat(run.publish(TOKEN, name, "1.1.0", InMemoryNode.calculator()).status()).isEqualTo(201);
        assertThat(run.versions(name).json().get("versions").toString())
                .as("read-your-writes: a 201 means this node's answers already changed").isEqualTo("[\"1.0.0\",\"1.1.0\"]");

        GovernanceCalls governance = new GovernanceCalls(node.url());
        assertThat(run.meta(name, "1.1.0").json().get("deprecated").isNull()).isTrue();
        assertThat(governance.deprecate(TOKEN, name, "use direct:lead").status()).isEqualTo(200);
        assertThat(run.meta(name, "1.1.0").json().get("deprecated").asText()).isEqualTo("use direct:lead");

        assertThat(governance.yank(TOKEN, name, "1.0.0", "broken build").status()).isEqualTo(200);
        assertThat(run.versions(name).json().get("versions").toString()).isEqualTo("[\"1.1.0\"]");
        assertThat(run.meta(name, "1.0.0").json().get("yanked").asBoolean()).isTrue();
        assertThat(run.download(name, "1.0.0").status()).as("a yanked version still downloads for locks that pin it").isEqualTo(200);
    }

    @Test
    void paths_are_decoded_as_jersey_decodes_them_or_left_to_jersey() {
        assertThat(HotReads.decoded("run%3Acalc%2Fcalculator/1.0.0")).isEqualTo("run:calc/calculator/1.0.0");
        assertThat(HotReads.decoded("run:calc%2fx/2.0.0-rc.1+build.5")).isEqualTo("run:calc/x/2.0.0-rc.1+build.5");
        assertThat(HotReads.decoded("a%20b/1.0.0")).as("other escapes").isNull();
        assertThat(HotReads.decoded("a:b/../1.0.0")).as("dot segments").isNull();
        assertThat(HotReads.decoded("a:b//1.0.0")).as("empty segments").isNull();
        assertThat(HotReads.decoded("a:b;x=1/1.0.0")).as("matrix parameters").isNull();
        assertThat(HotReads.decoded("a:b/1.0.0%")).as("a cut escape").isNull();
    }

    /** GETs counted by Dropwizard's instrumented handler around the servlet context, once two readings in a row agree (a count may land just after its answer). */
    private static long settledServletGets() throws Exception {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        long settled = Eventually.await(Duration.ofSeconds(5), () -> {
            long now = servletGets();
            return now == last.getAndSet(now) ? now : -1L;
        }, n -> n >= 0);
        assertThat(settled).as("the GET count settles within 5 s").isNotNegative();
        return settled;
    }

    private static long servletGets() {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(node.adminUrl().resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("io_dropwizard_jetty_MutableServletContextHandler_get_requests_count "))
                    .map(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                    .orElseThrow(() -> new AssertionError("no GET count in /metrics"));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSameAnswer(Answer direct, Answer viaJersey) {
        assertThat(direct.status()).isEqualTo(viaJersey.status());
        assertThat(direct.body()).isEqualTo(viaJersey.body());
        for (String header : SAME_HEADERS) {
            assertThat(direct.raw().headers().firstValue(header)).as(header).isEqualTo(viaJersey.raw().headers().firstValue(header));
        }
    }
}
