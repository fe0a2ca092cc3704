package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may publish what: every refusal is a 4xx with a JSON message, and a refused publish
 * leaves no trace — no package, no version, no blob.
 */
class PublishRulesTest {

    @TempDir
    static Path data;
    static RunningRegistry registry;
    static RunProtocol run;
    static byte[] component;

    @BeforeAll
    static void start() throws IOException {
        registry = RunningRegistry.start(data, Map.of(
                "REGISTRY_ADMIN_TOKEN", "admin-secret",
                "REGISTRY_TOKENS", "alice:alice-secret,bob:bob-secret",
                "MAX_UPLOAD_MB", "1"));
        run = new RunProtocol(registry.url());
        component = Files.readAllBytes(Fixtures.component("component/example-calculator-1.0.0.wasm"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Map<String, String> form(String name, String version) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("version", version);
        fields.put("description", "d");
        return fields;
    }

    private static RunProtocol.Answer publish(String token, Map<String, String> fields, byte[] file) throws Exception {
        return run.publish(token, fields, "component", "application/wasm", file);
    }

    private static void assertRefused(RunProtocol.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
        assertThat(answer.json().get("message").asText()).isNotBlank();
    }

    @Test
    void no_token_or_an_unknown_token_is_401() throws Exception {
        assertRefused(publish(null, form("alice:calc", "1.0.0"), component), 401, "unauthorized");
        assertRefused(publish("not-a-token", form("alice:calc", "1.0.0"), component), 401, "unauthorized");
    }

    @Test
    void a_token_publishes_only_in_its_namespace_and_the_admin_token_anywhere() throws Exception {
        assertRefused(publish("bob-secret", form("alice:calc", "1.0.0"), component), 403, "forbidden");
        assertThat(publish("alice-secret", form("alice:calc", "1.0.0"), component).status()).isEqualTo(201);
        assertThat(publish("admin-secret", form("bob:calc", "1.0.0"), component).status()).isEqualTo(201);
    }

    @Test
    void a_version_is_published_once_even_with_other_bytes() throws Exception {
        byte[] other = Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm"));
        assertThat(publish("alice-secret", form("alice:once", "2.0.0"), component).status()).isEqualTo(201);
        assertRefused(publish("alice-secret", form("alice:once", "2.0.0"), other), 409, "conflict");
        assertThat(run.download("alice:once", "2.0.0").body()).isEqualTo(component);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "dev", "stable", "LATEST", "1.0", "v1.0.0", "1.0.0.0", "01.0.0", "one", " "})
    void mutable_tags_and_non_semver_versions_are_400(String version) throws Exception {
        assertRefused(publish("admin-secret", form("alice:tags", version), component), 400, "bad_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"calc", "a:b:c", ":calc", "alice:", "alice:../etc/passwd", "alice:a/../b", "../x:y",
            "alice:a//b", "Alice:calc", "alice:calc\u0000", "alice:ca\nlc", "alice:calc x", "alice:/abs",
            "alice:%2e%2e", "alice:calc;rm"})
    void bad_names_are_400(String name) throws Exception {
        assertRefused(publish("admin-secret", form(name, "1.0.0"), component), 400, "bad_request");
    }

    @Test
    void an_over_long_name_is_400() throws Exception {
        assertRefused(publish("admin-secret", form("alice:" + "x".repeat(200), "1.0.0"), component), 400, "bad_request");
    }

    @Test
    void a_sha256_that_does_not_match_the_bytes_is_400() throws Exception {
        Map<String, String> fields = form("alice:hashed", "1.0.0");
        fields.put("sha256", "0".repeat(64));
        assertRefused(publish("alice-secret", fields, component), 400, "bad_request");
        fields.put("sha256", RunProtocol.sha256(component).toUpperCase());
        assertThat(publish("alice-secret", fields, component).status()).as("upper-case hex is the same digest").isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.wasm", "text-file.wasm", "wrong-magic.wasm", "gzipped-component.wasm",
            "truncated-header.wasm", "unknown-version.wasm", "truncated-component.wasm"})
    void files_that_are_not_webassembly_are_400(String fixture) throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.component("invalid/" + fixture));
        assertRefused(publish("alice-secret", form("alice:invalid", "1.0.0"), bytes), 400, "bad_request");
    }

    @Test
    void bad_json_in_dependencies_or_targets_and_bad_urls_are_400() throws Exception {
        for (var bad : List.of(Map.entry("dependencies", "{not json"), Map.entry("dependencies", "{\"a\":1}"),
                Map.entry("dependencies", "[{\"name\":\"nonamespace\",\"version\":\"1\"}]"),
                Map.entry("targets", "[1, [2]]"), Map.entry("repository", "javascript:alert(1)"),
                Map.entry("wit_url", "not a url"))) {
            Map<String, String> fields = form("alice:json", "1.0.0");
            fields.put(bad.getKey(), bad.getValue());
            assertRefused(publish("alice-secret", fields, component), 400, "bad_request");
        }
    }

    @Test
    void an_upload_over_max_upload_mb_is_413() throws Exception {
        byte[] big = new byte[1024 * 1024 + 10];
        System.arraycopy(component, 0, big, 0, component.length);
        assertRefused(publish("alice-secret", form("alice:big", "1.0.0"), big), 413, "payload_too_large");
    }

    @Test
    void a_form_without_the_file_is_400_and_a_non_multipart_body_is_415() throws Exception {
        assertRefused(publish("alice-secret", form("alice:nofile", "1.0.0"), null), 400, "bad_request");
        assertRefused(run.post("/api/v1/packages", "alice-secret", "application/json", "{}".getBytes()), 415,
                "unsupported_media_type");
    }

    @Test
    void a_refused_upload_ends_its_connection_and_the_next_request_is_answered() throws Exception {
        for (int round = 0; round < 20; round++) {
            for (RunProtocol.Answer refused : List.of(publish(null, form("alice:conn", "1.0.0"), component),
                    publish("alice-secret", form("alice:conn", "1.0.0"), new byte[2 * 1024 * 1024]),
                    publish("alice-secret", form("alice:conn", "latest"), component))) {
                assertThat(refused.status()).isBetween(400, 499);
                assertThat(refused.raw().headers().firstValue("connection")).as("status %d", refused.status()).hasValue("close");
                assertThat(run.versions("alice:conn").status()).isEqualTo(404);
            }
        }
    }

    @Test
    void refused_publishes_leave_no_trace() throws Exception {
        String packagesBefore = run.get("/packages").text();
        String statsBefore = run.get("/api/v1/stats").json().get("version_count").asText();
        long blobsBefore = blobCount();

        publish(null, form("alice:trace", "1.0.0"), component);
        publish("bob-secret", form("alice:trace", "1.0.0"), component);
        publish("alice-secret", form("alice:trace", "latest"), component);
        publish("alice-secret", form("alice:trace", "1.0.0"), Files.readAllBytes(Fixtures.component("invalid/gzipped-component.wasm")));
        publish("alice-secret", form("alice:trace", "1.0.0"), new byte[2 * 1024 * 1024]);

        assertThat(run.get("/packages").text()).isEqualTo(packagesBefore);
        assertThat(run.get("/api/v1/stats").json().get("version_count").asText()).isEqualTo(statsBefore);
        assertThat(run.versions("alice:trace").status()).isEqualTo(404);
        assertThat(blobCount()).isEqualTo(blobsBefore);
        try (Stream<Path> spool = Files.list(data.resolve("spool"))) {
            assertThat(spool).as("no spooled upload is left behind").isEmpty();
        }
    }

    private static long blobCount() throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
