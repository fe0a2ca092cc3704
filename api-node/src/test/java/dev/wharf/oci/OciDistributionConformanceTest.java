package dev.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull and push checks of opencontainers/distribution-spec's conformance suite (a Go
 * program that cannot be built here), ported to JUnit against a real standalone registry:
 * status codes, headers, digests, byte-identical manifests by tag and by digest, ranges, 404s
 * and invalid digests in the spec's error shape, and tag pagination with {@code Link}.
 */
class OciDistributionConformanceTest {

    static final String ADMIN = "admin-secret";
    static final String CALC = "run/calc/calculator";

    @TempDir
    static Path data;
    static RunningRegistry registry;
    static RunProtocol run;
    static OciClient anonymous;
    static OciClient admin;
    static byte[] calc100;
    static byte[] calc110;

    @BeforeAll
    static void start() throws Exception {
        registry = RunningRegistry.start(data, environment());
        run = new RunProtocol(registry.url());
        anonymous = new OciClient(registry.url());
        admin = anonymous.withToken(ADMIN);
        calc100 = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
        calc110 = Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm"));
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        assertThat(run.publish(ADMIN, Map.of("name", "run:calc/calculator", "version", "1.0.0", "description", "A tiny calculator",
                "repository", "https://example.com/calc", "sha256", RunProtocol.sha256(calc100)), "component", "application/wasm", calc100)
                .status()).isEqualTo(201);
        for (String v : List.of("1.1.0", "1.2.0", "1.10.0", "2.0.0+abc")) {
            assertThat(run.publish(ADMIN, "run:calc/calculator", v, file).status()).as(v).isEqualTo(201);
        }
    }

    /**
     * The admin token, a token for namespace {@code other}, a 1 MB upload limit, and a publish
     * that waits up to a minute for its verdict, so a loaded test machine still answers 201.
     */
    static Map<String, String> environment() {
        return Map.of("REGISTRY_ADMIN_TOKEN", ADMIN, "REGISTRY_TOKENS", "other:other-secret", "MAX_UPLOAD_MB", "1",
                "PUBLISH_ACK_TIMEOUT", "60s");
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    // ---- pull ----

    @Test
    void the_base_endpoint_answers_200_with_an_empty_object_and_no_401() throws Exception {
        for (String path : List.of("/v2/", "/v2")) {
            OciClient.Answer ping = anonymous.get(path);
            assertThat(ping.status()).as(path).isEqualTo(200);
            assertThat(ping.json().isObject() && ping.json().isEmpty()).isTrue();
            assertThat(ping.header("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        }
    }

    @Test
    void discovery_tells_wkg_to_use_oci_on_this_host() throws Exception {
        JsonNode found = anonymous.get("/.well-known/wasm-pkg/registry.json").json();
        assertThat(found.get("preferredProtocol").asText()).isEqualTo("oci");
        assertThat(found.get("oci").get("registry").asText()).isEqualTo(registry.url().getAuthority());
        assertThat(found.get("oci").get("namespacePrefix").asText()).isEmpty();
    }

    @Test
    void a_manifest_by_tag_and_by_digest_is_the_same_bytes_with_type_length_and_digest() throws Exception {
        OciClient.Answer byTag = anonymous.get("/v2/" + CALC + "/manifests/1.0.0",
                Map.of("Accept", WasmManifest.MANIFEST_TYPE + ", application/vnd.docker.distribution.manifest.v2+json"));
        assertThat(byTag.status()).isEqualTo(200);
        assertThat(byTag.header("Content-Type")).hasValue(WasmManifest.MANIFEST_TYPE);
        assertThat(byTag.header("Content-Length")).hasValue(Integer.toString(byTag.body().length));
        String digest = OciClient.digest(byTag.body());
        assertThat(byTag.header("Docker-Content-Digest")).hasValue(digest);

        OciClient.Answer byDigest = anonymous.get("/v2/" + CALC + "/manifests/" + digest);
        assertThat(byDigest.status()).isEqualTo(200);
        assertThat(byDigest.body()).isEqualTo(byTag.body());
        assertThat(byDigest.header("Docker-Content-Digest")).hasValue(digest);

        for (String ref : List.of("1.0.0", digest)) {
            OciClient.Answer head = anonymous.head("/v2/" + CALC + "/manifests/" + ref);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Length")).hasValue(Integer.toString(byTag.body().length));
            assertThat(head.header("Docker-Content-Digest")).hasValue(digest);
            assertThat(head.header("Content-Type")).hasValue(WasmManifest.MANIFEST_TYPE);
        }

        JsonNode m = byTag.json();
        assertThat(m.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(m.get("config").get("mediaType").asText()).isEqualTo("application/vnd.wasm.config.v0+json");
        assertThat(m.get("layers")).hasSize(1);
        JsonNode layer = m.get("layers").get(0);
        assertThat(layer.get("mediaType").asText()).isEqualTo("application/wasm");
        assertThat(layer.get("digest").asText()).isEqualTo("sha256:" + RunProtocol.sha256(calc100));
        assertThat(layer.get("size").asLong()).isEqualTo(calc100.length);
        assertThat(layer.get("annotations").get("org.opencontainers.image.title").asText()).isEqualTo("calculator.wasm");
        assertThat(m.get("annotations").get("org.opencontainers.image.version").asText()).isEqualTo("1.0.0");
        assertThat(m.get("annotations").get("org.opencontainers.image.description").asText()).isEqualTo("A tiny calculator");
        assertThat(m.get("annotations").get("org.opencontainers.image.source").asText()).isEqualTo("https://example.com/calc");
    }

    @Test
    void the_config_blob_describes_the_component_and_the_layer_blob_is_its_bytes() throws Exception {
        JsonNode m = anonymous.get("/v2/" + CALC + "/manifests/1.0.0").json();
        String configDigest = m.get("config").get("digest").asText();
        OciClient.Answer config = anonymous.get("/v2/" + CALC + "/blobs/" + configDigest);
        assertThat(config.status()).isEqualTo(200);
        assertThat(OciClient.digest(config.body())).isEqualTo(configDigest);
        assertThat(config.header("Docker-Content-Digest")).hasValue(configDigest);
        assertThat((long) config.body().length).isEqualTo(m.get("config").get("size").asLong());
        JsonNode c = config.json();
        assertThat(c.get("architecture").asText()).isEqualTo("wasm");
        assertThat(c.get("os").asText()).isEqualTo("wasip2");
        assertThat(c.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(c.get("layerDigests").get(0).asText()).isEqualTo("sha256:" + RunProtocol.sha256(calc100));
        assertThat(c.get("component").get("exports").get(0).asText()).isEqualTo("example:calculator/ops@1.0.0");
        assertThat(c.get("component").get("imports")).isEmpty();

        String layerDigest = "sha256:" + RunProtocol.sha256(calc100);
        OciClient.Answer layer = anonymous.get("/v2/" + CALC + "/blobs/" + layerDigest);
        assertThat(layer.status()).isEqualTo(200);
        assertThat(layer.body()).isEqualTo(calc100);
        assertThat(layer.header("Docker-Content-Digest")).hasValue(layerDigest);
        assertThat(layer.header("Content-Length")).hasValue(Integer.toString(calc100.length));

        OciClient.Answer head = anonymous.head("/v2/" + CALC + "/blobs/" + layerDigest);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).hasValue(Integer.toString(calc100.length));
        assertThat(head.header("Docker-Content-Digest")).hasValue(layerDigest);
    }

    @Test
    void a_layer_serves_single_byte_ranges_and_416_past_its_end() throws Exception {
        String layer = "/v2/" + CALC + "/blobs/sha256:" + RunProtocol.sha256(calc100);
        int size = calc100.length;
        Map<String, byte[]> expected = Map.of(
                "bytes=100-199", Arrays.copyOfRange(calc100, 100, 200),
                "bytes=500-", Arrays.copyOfRange(calc100, 500, size),
                "bytes=-100", Arrays.copyOfRange(calc100, size - 100, size));
        for (var e : expected.entrySet()) {
            OciClient.Answer part = anonymous.get(layer, Map.of("Range", e.getKey()));
            assertThat(part.status()).as(e.getKey()).isEqualTo(206);
            assertThat(part.body()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(part.header("Content-Range")).as(e.getKey()).hasValueSatisfying(r -> assertThat(r).endsWith("/" + size));
        }
        OciClient.Answer beyond = anonymous.get(layer, Map.of("Range", "bytes=5000-10000"));
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).hasValue("bytes */" + size);
    }

    @Test
    void missing_things_are_404s_and_a_malformed_digest_is_400_in_the_spec_error_shape() throws Exception {
        String absent = "sha256:" + "0".repeat(64);
        assertThat(anonymous.get("/v2/" + CALC + "/blobs/" + absent)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.errorCode()).isEqualTo("BLOB_UNKNOWN");
        });
        assertThat(anonymous.head("/v2/" + CALC + "/blobs/" + absent).status()).isEqualTo(404);
        assertThat(anonymous.get("/v2/" + CALC + "/manifests/9.9.9").errorCode()).isEqualTo("MANIFEST_UNKNOWN");
        assertThat(anonymous.get("/v2/" + CALC + "/manifests/9.9.9").status()).isEqualTo(404);
        assertThat(anonymous.get("/v2/" + CALC + "/manifests/" + absent).status()).isEqualTo(404);
        assertThat(anonymous.head("/v2/" + CALC + "/manifests/latest").status()).isEqualTo(404);
        OciClient.Answer unknownRepo = anonymous.get("/v2/run/no-such/package/manifests/1.0.0");
        assertThat(unknownRepo.status()).isEqualTo(404);
        assertThat(unknownRepo.errorCode()).isEqualTo("NAME_UNKNOWN");
        assertThat(anonymous.get("/v2/run/no-such/tags/list").errorCode()).isEqualTo("NAME_UNKNOWN");

        OciClient.Answer invalid = anonymous.get("/v2/" + CALC + "/blobs/sha256:not-hex");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("DIGEST_INVALID");
        assertThat(anonymous.get("/v2/" + CALC + "/manifests/sha256:abc").status()).isEqualTo(400);
        // The Run API keeps its own error shape.
        assertThat(run.get("/api/v1/packages/run%3Ano-such/1.0.0").json().has("error")).isTrue();
    }

    @Test
    void tags_are_every_version_in_lexical_order_with_plus_written_as_underscore_and_paginate_with_link() throws Exception {
        List<String> all = List.of("1.0.0", "1.1.0", "1.10.0", "1.2.0", "2.0.0_abc");
        JsonNode list = anonymous.get("/v2/" + CALC + "/tags/list").json();
        assertThat(list.get("name").asText()).isEqualTo(CALC);
        assertThat(tags(list)).isEqualTo(all);

        OciClient.Answer first = anonymous.get("/v2/" + CALC + "/tags/list?n=2");
        assertThat(tags(first.json())).isEqualTo(all.subList(0, 2));
        assertThat(first.header("Link")).hasValue("</v2/" + CALC + "/tags/list?n=2&last=1.1.0>; rel=\"next\"");
        String next = first.header("Link").orElseThrow().replaceAll("^<([^>]*)>.*$", "$1");
        OciClient.Answer second = anonymous.get(next);
        assertThat(tags(second.json())).isEqualTo(all.subList(2, 4));
        OciClient.Answer last = anonymous.get("/v2/" + CALC + "/tags/list?n=2&last=1.2.0");
        assertThat(tags(last.json())).isEqualTo(all.subList(4, 5));
        assertThat(last.header("Link")).isEmpty();
        assertThat(tags(anonymous.get("/v2/" + CALC + "/tags/list?n=0").json())).isEmpty();
        assertThat(tags(anonymous.get("/v2/" + CALC + "/tags/list?last=1.10.0").json())).isEqualTo(all.subList(3, 5));

        JsonNode built = anonymous.get("/v2/" + CALC + "/manifests/2.0.0_abc").json();
        assertThat(built.get("annotations").get("org.opencontainers.image.version").asText()).isEqualTo("2.0.0+abc");
    }

    @Test
    void a_layer_download_counts_like_a_run_download() throws Exception {
        long before = run.meta("run:calc/calculator", "1.2.0").json().get("downloads").asLong();
        assertThat(anonymous.get("/v2/" + CALC + "/blobs/sha256:" + RunProtocol.sha256(calc100)).status()).isEqualTo(200);
        long after = Eventually.await(Duration.ofSeconds(10),
                () -> run.meta("run:calc/calculator", "1.0.0").json().get("downloads").asLong(), n -> n >= 1);
        assertThat(after).isGreaterThanOrEqualTo(1);
        assertThat(before).isZero();
    }

    @Test
    void a_core_module_is_os_wasip1_without_a_component_block() throws Exception {
        Path module = Fixtures.component("core/hello-cli-wasip1.wasm");
        assertThat(run.publish(ADMIN, "mod:hello", "0.1.0", module).status()).isEqualTo(201);
        JsonNode m = anonymous.get("/v2/mod/hello/manifests/0.1.0").json();
        JsonNode config = anonymous.get("/v2/mod/hello/blobs/" + m.get("config").get("digest").asText()).json();
        assertThat(config.get("os").asText()).isEqualTo("wasip1");
        assertThat(config.has("component")).isFalse();
    }

    // ---- push ----

    @Test
    void a_monolithic_push_becomes_a_run_version_served_by_both_protocols_right_after_the_201() throws Exception {
        OciClient.Answer layer = admin.pushBlob("example/pushed", calc110);
        assertThat(layer.status()).isEqualTo(201);
        assertThat(layer.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/v2/example/pushed/blobs/" + OciClient.digest(calc110)));
        assertThat(layer.header("Docker-Content-Digest")).hasValue(OciClient.digest(calc110));
        assertThat(anonymous.head("/v2/example/pushed/blobs/" + OciClient.digest(calc110)).status()).isEqualTo(200);
        assertThat(anonymous.get("/v2/example/pushed/blobs/" + OciClient.digest(calc110)).body()).isEqualTo(calc110);

        OciClient.Answer put = admin.pushComponent("example/pushed", "1.1.0", calc110,
                Map.of("org.opencontainers.image.description", "pushed with OCI", "org.opencontainers.image.source", "https://example.com/p"));
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        String digest = put.header("Docker-Content-Digest").orElseThrow();
        assertThat(put.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/v2/example/pushed/manifests/" + digest));

        OciClient.Answer pulled = anonymous.get("/v2/example/pushed/manifests/1.1.0");
        assertThat(OciClient.digest(pulled.body())).isEqualTo(digest);
        JsonNode meta = run.meta("example:pushed", "1.1.0").json();
        assertThat(meta.get("sha256").asText()).isEqualTo(RunProtocol.sha256(calc110));
        assertThat(meta.get("description").asText()).isEqualTo("pushed with OCI");
        assertThat(meta.get("repository").asText()).isEqualTo("https://example.com/p");
        assertThat(meta.get("exports").get(0).asText()).isEqualTo("example:calculator/ops@1.1.0");
        assertThat(run.download("example:pushed", "1.1.0").body()).isEqualTo(calc110);
        assertThat(run.search("pushed").json().get("packages").get(0).get("name").asText()).isEqualTo("example:pushed");
    }

    @Test
    void a_chunked_push_takes_patches_in_order_and_refuses_a_gap_with_416() throws Exception {
        OciClient.Answer opened = admin.send("POST", "/v2/example/chunked/blobs/uploads/", Map.of(), null);
        assertThat(opened.status()).isEqualTo(202);
        String location = opened.header("Location").orElseThrow();
        assertThat(opened.header("Docker-Upload-UUID")).isPresent();

        OciClient.Answer first = admin.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                "Content-Range", "0-499"), Arrays.copyOfRange(calc110, 0, 500));
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Range")).hasValue("0-499");
        location = first.header("Location").orElseThrow();

        OciClient.Answer gap = admin.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                "Content-Range", "600-699"), Arrays.copyOfRange(calc110, 600, 700));
        assertThat(gap.status()).isEqualTo(416);

        OciClient.Answer second = admin.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                "Content-Range", "500-999"), Arrays.copyOfRange(calc110, 500, 1000));
        assertThat(second.header("Range")).hasValue("0-999");
        OciClient.Answer status = admin.get(location);
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).hasValue("0-999");

        String sep = location.contains("?") ? "&" : "?";
        OciClient.Answer done = admin.send("PUT", location + sep + "digest=" + OciClient.digest(calc110),
                Map.of("Content-Type", "application/octet-stream"), Arrays.copyOfRange(calc110, 1000, calc110.length));
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.header("Docker-Content-Digest")).hasValue(OciClient.digest(calc110));
        assertThat(anonymous.get("/v2/example/chunked/blobs/" + OciClient.digest(calc110)).body()).isEqualTo(calc110);
        assertThat(admin.get(location).status()).isEqualTo(404);
    }

    @Test
    void push_needs_a_token_by_basic_or_bearer_and_a_401_carries_a_basic_challenge() throws Exception {
        OciClient.Answer noToken = anonymous.send("POST", "/v2/example/secret/blobs/uploads/", Map.of(), null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(noToken.header("WWW-Authenticate")).hasValue("Basic realm=\"wharf\"");
        assertThat(anonymous.send("PUT", "/v2/example/secret/manifests/1.0.0", Map.of(), "{}".getBytes()).status()).isEqualTo(401);
        assertThat(anonymous.withToken("wrong").send("POST", "/v2/example/secret/blobs/uploads/", Map.of(), null).status()).isEqualTo(401);

        OciClient.Answer otherNamespace = anonymous.withToken("other-secret").send("POST", "/v2/example/secret/blobs/uploads/", Map.of(), null);
        assertThat(otherNamespace.status()).isEqualTo(403);
        assertThat(otherNamespace.errorCode()).isEqualTo("DENIED");
        assertThat(anonymous.withToken("other-secret").send("POST", "/v2/other/mine/blobs/uploads/", Map.of(), null).status()).isEqualTo(202);
        assertThat(anonymous.withAuthorization("Bearer " + ADMIN).send("POST", "/v2/example/secret/blobs/uploads/", Map.of(), null).status())
                .isEqualTo(202);
    }

    @Test
    void versions_are_immutable_the_same_bytes_again_answer_201_with_the_same_digest_other_bytes_are_refused() throws Exception {
        OciClient.Answer first = admin.pushComponent("example/immutable", "1.0.0", calc100, Map.of());
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        OciClient.Answer again = admin.pushComponent("example/immutable", "1.0.0", calc100, Map.of());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Docker-Content-Digest")).isEqualTo(first.header("Docker-Content-Digest"));

        OciClient.Answer other = admin.pushComponent("example/immutable", "1.0.0", calc110, Map.of());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("DENIED");
        assertThat(run.meta("example:immutable", "1.0.0").json().get("sha256").asText()).isEqualTo(RunProtocol.sha256(calc100));

        // A layer the registry already holds need not be uploaded again (clients HEAD first).
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        OciClient.Answer reuse = admin.send("PUT", "/v2/example/immutable/manifests/1.0.1", Map.of("Content-Type", WasmManifest.MANIFEST_TYPE),
                OciClient.wasmManifest(calc100, config, Map.of()));
        assertThat(reuse.status()).as(reuse.text()).isEqualTo(201);
        assertThat(run.download("example:immutable", "1.0.1").body()).isEqualTo(calc100);
    }

    @Test
    void anything_but_one_wasm_layer_under_the_wasm_config_type_is_refused_with_an_oci_error() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(admin.pushBlob("example/refused", calc100).status()).isEqualTo(201);
        assertThat(admin.pushBlob("example/refused", config).status()).isEqualTo(201);
        String good = new String(OciClient.wasmManifest(calc100, config, Map.of()), StandardCharsets.UTF_8);
        Map<String, String> cases = Map.of(
                "an image config", good.replace(WasmManifest.CONFIG_TYPE, "application/vnd.oci.image.config.v1+json"),
                "two layers", good.replace("\"layers\":[{", "\"layers\":[{\"mediaType\":\"application/wasm\",\"digest\":\""
                        + OciClient.digest(calc100) + "\",\"size\":" + calc100.length + "},{"),
                "a tar layer", good.replace("\"mediaType\":\"application/wasm\"", "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\""),
                "an index", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
        for (var c : cases.entrySet()) {
            OciClient.Answer refused = admin.send("PUT", "/v2/example/refused/manifests/1.0.0",
                    Map.of("Content-Type", c.getKey().equals("an index") ? "application/vnd.oci.image.index.v1+json" : WasmManifest.MANIFEST_TYPE),
                    c.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(c.getKey()).isEqualTo(400);
            assertThat(refused.errorCode()).as(c.getKey()).isEqualTo("UNSUPPORTED");
        }
        OciClient.Answer notJson = admin.send("PUT", "/v2/example/refused/manifests/1.0.0",
                Map.of("Content-Type", WasmManifest.MANIFEST_TYPE), "{not json".getBytes());
        assertThat(notJson.errorCode()).isEqualTo("MANIFEST_INVALID");
        OciClient.Answer mutableTag = admin.send("PUT", "/v2/example/refused/manifests/latest",
                Map.of("Content-Type", WasmManifest.MANIFEST_TYPE), good.getBytes());
        assertThat(mutableTag.status()).isEqualTo(400);
        assertThat(mutableTag.errorCode()).isEqualTo("TAG_INVALID");
        OciClient.Answer missingLayer = admin.send("PUT", "/v2/example/refused/manifests/1.0.0", Map.of("Content-Type", WasmManifest.MANIFEST_TYPE),
                OciClient.wasmManifest("never uploaded".getBytes(), config, Map.of()));
        assertThat(missingLayer.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        OciClient.Answer notWasm = admin.pushComponent("example/refused", "1.0.0", "plain text".getBytes(), Map.of());
        assertThat(notWasm.status()).isEqualTo(400);
        assertThat(notWasm.errorCode()).isEqualTo("MANIFEST_INVALID");
        assertThat(run.versions("example:refused").status()).isEqualTo(404);

        OciClient.Answer wrongDigest = admin.send("POST", "/v2/example/refused/blobs/uploads/?digest=" + OciClient.digest(config),
                Map.of("Content-Type", "application/octet-stream"), calc100);
        assertThat(wrongDigest.status()).isEqualTo(400);
        assertThat(wrongDigest.errorCode()).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void an_upload_over_max_upload_mb_is_413() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        OciClient.Answer tooBig = admin.send("POST", "/v2/example/big/blobs/uploads/?digest=" + OciClient.digest(big),
                Map.of("Content-Type", "application/octet-stream"), big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.errorCode()).isEqualTo("SIZE_INVALID");
    }

    private static List<String> tags(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.get("tags").spliterator(), false).map(JsonNode::asText).toList();
    }
}
