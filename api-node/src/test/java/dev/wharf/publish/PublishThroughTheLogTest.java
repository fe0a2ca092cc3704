package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publisher and a consumer use one standalone registry the way the Run client does. */
class PublishThroughTheLogTest {

    @TempDir
    static Path data;
    static RunningRegistry registry;
    static RunProtocol run;

    @BeforeAll
    static void start() {
        registry = RunningRegistry.start(data, Map.of(
                "REGISTRY_ADMIN_TOKEN", "admin-secret",
                "REGISTRY_TOKENS", "example:example-secret,myorg:myorg-secret"));
        run = new RunProtocol(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void a_publish_is_readable_everywhere_on_the_node_right_after_its_201() throws Exception {
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        byte[] bytes = Files.readAllBytes(file);

        RunProtocol.Answer published = run.publish("example-secret", "example:calculator", "1.0.0", file);

        assertThat(published.status()).as(published.text()).isEqualTo(201);
        JsonNode meta = published.json();
        assertThat(meta.get("sha256").asText()).isEqualTo(RunProtocol.sha256(bytes));
        assertThat(meta.get("download_url").asText())
                .isEqualTo(registry.url() + "/packages/example%3Acalculator/1.0.0/artifact.wasm");

        // No waiting: read-your-writes on versions, metadata, download and search.
        assertThat(run.versions("example:calculator").json().get("versions").toString()).isEqualTo("[\"1.0.0\"]");
        JsonNode read = run.meta("example:calculator", "1.0.0").json();
        for (String field : List.of("name", "version", "description", "license", "size", "sha256", "download_url",
                "wit_url", "dependencies", "targets", "repository", "published_at")) {
            assertThat(read.has(field)).as("field %s", field).isTrue();
        }
        assertThat(read.get("targets").toString()).isEqualTo("[\"wasm32-wasip2\"]");
        assertThat(run.download("example:calculator", "1.0.0").body()).isEqualTo(bytes);
        JsonNode found = run.search("calculator").json();
        assertThat(found.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(found.get("packages").get(0).get("name").asText()).isEqualTo("example:calculator");
    }

    @Test
    void every_real_component_round_trips_byte_for_byte() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.components().resolve("MANIFEST.tsv"));
        int published = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols[1].equals("invalid")) continue;
            String name = "fixture-" + cols[2].replace(':', '-') + ":pkg";
            Path file = Fixtures.component(cols[0]);
            RunProtocol.Answer answer = run.publish("admin-secret", name, cols[3], file);
            assertThat(answer.status()).as("%s: %s", cols[0], answer.text()).isEqualTo(201);
            assertThat(answer.json().get("sha256").asText()).isEqualTo(cols[4]);
            RunProtocol.Answer download = run.download(name, cols[3]);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.raw().headers().firstValue("Content-Type")).hasValue("application/wasm");
            assertThat(download.raw().headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(RunProtocol.sha256(download.body())).isEqualTo(cols[4]);
            published++;
        }
        assertThat(published).isGreaterThanOrEqualTo(12);
    }

    @Test
    void the_artifact_alias_curl_octet_stream_and_all_optional_fields_are_accepted() throws Exception {
        byte[] bytes = Files.readAllBytes(Fixtures.component("component/myorg-greeter-0.1.0.wasm"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "myorg:greeter");
        fields.put("version", "0.1.0");
        fields.put("description", "Grüße — says HELLO");
        fields.put("license", "Apache-2.0");
        fields.put("repository", "https://example.org/myorg/greeter");
        fields.put("wit_url", "https://example.org/myorg/greeter.wit");
        fields.put("dependencies", "[{\"name\":\"myorg:utils\",\"version\":\"^1.0.0\",\"optional\":false}]");
        fields.put("targets", "[\"wasm32-wasip2\"]");

        RunProtocol.Answer answer = run.publish("myorg-secret", fields, "artifact", "application/octet-stream", bytes);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode meta = run.meta("myorg:greeter", "0.1.0").json();
        assertThat(meta.get("description").asText()).isEqualTo("Grüße — says HELLO");
        assertThat(meta.get("license").asText()).isEqualTo("Apache-2.0");
        assertThat(meta.get("dependencies").get(0).get("name").asText()).isEqualTo("myorg:utils");
        assertThat(meta.get("dependencies").get(0).get("version").asText()).isEqualTo("^1.0.0");
        assertThat(meta.get("repository").asText()).isEqualTo("https://example.org/myorg/greeter");
    }

    @Test
    void names_with_a_slash_work_encoded_in_one_segment_and_with_a_raw_colon() throws Exception {
        Path file = Fixtures.component("component/example-calculator-1.1.0.wasm");
        assertThat(run.publish("admin-secret", "run:calc/calculator", "1.1.0", file).status()).isEqualTo(201);

        assertThat(run.get("/api/v1/packages/run%3Acalc%2Fcalculator/1.1.0").status()).isEqualTo(200);
        assertThat(run.get("/api/v1/packages/run:calc%2Fcalculator/versions").json().get("versions").get(0).asText())
                .isEqualTo("1.1.0");
        assertThat(run.get("/packages/run%3Acalc%2Fcalculator/1.1.0/artifact.wasm").body())
                .isEqualTo(Files.readAllBytes(file));
        assertThat(run.get("/packages").json().get("packages").toString()).contains("\"run:calc/calculator\"");
    }

    @Test
    void downloads_support_ranges_and_etags_and_are_counted_through_the_log() throws Exception {
        Path file = Fixtures.component("component/example-dice-0.1.0.wasm");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(run.publish("example-secret", "example:dice", "0.1.0", file).status()).isEqualTo(201);
        long before = run.get("/api/v1/stats").json().get("download_count").asLong();

        RunProtocol.Answer range = run.get("/packages/example%3Adice/0.1.0/artifact.wasm", Map.of("Range", "bytes=10-19"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
        assertThat(range.raw().headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + bytes.length);

        RunProtocol.Answer full = run.download("example:dice", "0.1.0");
        String etag = full.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + RunProtocol.sha256(bytes) + "\"");
        assertThat(full.raw().headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(run.get("/packages/example%3Adice/0.1.0/artifact.wasm", Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        assertThat(run.get("/packages/example%3Adice/0.1.0/artifact.wasm", Map.of("Range", "bytes=999999-")).status()).isEqualTo(416);
        run.download("example:dice", "0.1.0");

        long counted = Eventually.await(Duration.ofSeconds(20),
                () -> run.meta("example:dice", "0.1.0").json().get("downloads").asLong(), n -> n >= 2);
        assertThat(counted).as("the ranged read from byte 10 is not a download").isEqualTo(2);
        assertThat(run.get("/api/v1/stats").json().get("download_count").asLong()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void versions_are_listed_in_semver_order_and_build_metadata_does_not_make_a_new_version() throws Exception {
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        for (String v : List.of("1.10.0", "1.9.0", "1.10.0-rc.1", "0.2.0", "1.0.1+build.a")) {
            assertThat(run.publish("example-secret", "example:ordered", v, file).status()).as(v).isEqualTo(201);
        }
        assertThat(run.publish("example-secret", "example:ordered", "1.0.1+build.b", file).status()).isEqualTo(409);
        assertThat(run.versions("example:ordered").json().get("versions").toString())
                .isEqualTo("[\"0.2.0\",\"1.0.1+build.a\",\"1.9.0\",\"1.10.0-rc.1\",\"1.10.0\"]");
        assertThat(run.search("example:ordered").json().get("packages").get(0).get("version").asText()).isEqualTo("1.10.0");
    }
}
