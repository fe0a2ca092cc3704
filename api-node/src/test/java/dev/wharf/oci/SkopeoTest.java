package dev.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo, Debian's build of containers/image (the library under podman and buildah), copies a
 * Wasm component out of Wharf into an OCI layout and back in under another name, over plain
 * HTTP ({@code --tls-verify=false} makes it fall back from https to http after the https ping
 * fails). Installed by {@code ops/test.d/skopeo}.
 */
class SkopeoTest {

    static final String SKOPEO = "/usr/bin/skopeo";

    static final String ADMIN = "admin-secret";
    static RunningRegistry registry;
    static RunProtocol run;

    @TempDir
    static Path dir;
    @TempDir
    static Path data;
    static byte[] fixture;
    static String host;

    @BeforeAll
    static void publish() throws Exception {
        registry = RunningRegistry.start(data, OciDistributionConformanceTest.environment());
        run = new RunProtocol(registry.url());
        if (!Files.isExecutable(Path.of(SKOPEO))) {
            throw new IllegalStateException(SKOPEO + " is needed: run ops/test.d/skopeo (apt-get install skopeo)");
        }
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        fixture = Files.readAllBytes(file);
        assertThat(run.publish(ADMIN, "example:calculator", "1.0.0", file).status()).isEqualTo(201);
        host = registry.url().getAuthority();
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void skopeo_pulls_a_published_component_into_an_oci_layout_and_pushes_it_back_under_another_name() throws Exception {
        Path layout = dir.resolve("layout");
        skopeo("copy", "--src-tls-verify=false", "docker://" + host + "/example/calculator:1.0.0", "oci:" + layout + ":1.0.0")
                .assertSucceeded();

        JsonNode index = OciClient.JSON.readTree(layout.resolve("index.json").toFile());
        String manifestDigest = index.get("manifests").get(0).get("digest").asText();
        JsonNode manifest = OciClient.JSON.readTree(blob(layout, manifestDigest));
        assertThat(manifest.get("config").get("mediaType").asText()).isEqualTo(WasmManifest.CONFIG_TYPE);
        assertThat(blob(layout, manifest.get("layers").get(0).get("digest").asText())).isEqualTo(fixture);
        String listed = skopeo("list-tags", "--tls-verify=false", "docker://" + host + "/example/calculator").assertSucceeded();
        assertThat(OciClient.JSON.readTree(listed).get("Tags").get(0).asText()).isEqualTo("1.0.0");

        Result anonymous = skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":1.0.0",
                "docker://" + host + "/example/calculator-copy:1.0.0");
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.output()).contains("unauthorized");

        // Build metadata travels as '_' in the tag: 1.0.1_skopeo is version 1.0.1+skopeo.
        skopeo("copy", "--dest-creds", "someone:" + ADMIN, "--dest-tls-verify=false",
                "oci:" + layout + ":1.0.0", "docker://" + host + "/example/calculator-copy:1.0.1_skopeo").assertSucceeded();

        JsonNode meta = run.meta("example:calculator-copy", "1.0.1").json();
        assertThat(meta.get("version").asText()).isEqualTo("1.0.1+skopeo");
        assertThat(meta.get("sha256").asText()).isEqualTo(RunProtocol.sha256(fixture));
        assertThat(meta.get("exports").get(0).asText()).isEqualTo("example:calculator/ops@1.0.0");
        assertThat(run.download("example:calculator-copy", "1.0.1+skopeo").body()).isEqualTo(fixture);
        assertThat(run.search("calculator-copy").json().get("packages").get(0).get("sha256").asText())
                .isEqualTo(RunProtocol.sha256(fixture));

        // The same bytes again is a no-op success; versions stay immutable.
        skopeo("copy", "--dest-creds", "someone:" + ADMIN, "--dest-tls-verify=false",
                "oci:" + layout + ":1.0.0", "docker://" + host + "/example/calculator-copy:1.0.1_skopeo").assertSucceeded();
    }

    private static byte[] blob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length())));
    }

    record Result(int exit, String output) {
        String assertSucceeded() {
            assertThat(exit).as(output).isZero();
            return output;
        }
    }

    private static Result skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SKOPEO));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Credentials go on the command line only; keep skopeo away from the user's auth files.
        builder.environment().put("REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("skopeo " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
