package dev.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ORAS Java SDK, an OCI client nobody here wrote, pulls from and pushes to Wharf. */
class OrasSdkTest {

    static final String ADMIN = "admin-secret";
    static RunningRegistry registry;
    static RunProtocol run;

    @TempDir
    static Path dir;
    @TempDir
    static Path data;
    static byte[] calc100;
    static String host;

    @BeforeAll
    static void publish() throws Exception {
        registry = RunningRegistry.start(data, OciDistributionConformanceTest.environment());
        run = new RunProtocol(registry.url());
        Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        calc100 = Files.readAllBytes(file);
        assertThat(run.publish(ADMIN, "example:calculator", "1.0.0", file).status()).isEqualTo(201);
        host = registry.url().getAuthority();
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void oras_pulls_the_component_file_by_its_title_and_lists_tags() throws Exception {
        Registry oras = Registry.builder().insecure().build();
        ContainerRef ref = ContainerRef.parse(host + "/example/calculator:1.0.0");
        Path out = Files.createDirectories(dir.resolve("pulled"));
        oras.pullArtifact(ref, out, true);
        assertThat(Files.readAllBytes(out.resolve("calculator.wasm"))).isEqualTo(calc100);
        assertThat(oras.getTags(ref).tags()).containsExactly("1.0.0");
        Manifest manifest = oras.getManifest(ref);
        assertThat(manifest.getConfig().getMediaType()).isEqualTo(WasmManifest.CONFIG_TYPE);
        assertThat(manifest.getLayers()).hasSize(1);
    }

    @Test
    void oras_pushes_a_wasm_artifact_that_the_run_api_then_serves() throws Exception {
        Path file = Files.write(dir.resolve("adder.wasm"), Files.readAllBytes(Fixtures.component("component/example-calculator-1.1.0.wasm")));
        byte[] bytes = Files.readAllBytes(file);
        ContainerRef ref = ContainerRef.parse(host + "/example/oras-pushed:1.1.0");
        Config wasmConfig = Config.empty().withMediaType(WasmManifest.CONFIG_TYPE);
        Annotations annotations = Annotations.ofManifest(Map.of("org.opencontainers.image.description", "pushed by the ORAS SDK"));

        // Without credentials the push is refused (the SDK, expecting a Bearer token service,
        // cannot follow the 401's Basic challenge) and nothing is published.
        Registry anonymous = Registry.builder().insecure().build();
        assertThatThrownBy(() -> anonymous.pushArtifact(ref, ArtifactType.from(WasmManifest.CONFIG_TYPE), annotations, wasmConfig,
                LocalPath.of(file, WasmManifest.LAYER_TYPE))).isInstanceOf(land.oras.exception.OrasException.class);
        assertThat(run.versions("example:oras-pushed").status()).isEqualTo(404);

        Registry oras = Registry.builder().insecure(host, "anyone", ADMIN).build();
        Manifest pushed = oras.pushArtifact(ref, ArtifactType.from(WasmManifest.CONFIG_TYPE), annotations, wasmConfig,
                LocalPath.of(file, WasmManifest.LAYER_TYPE));
        assertThat(pushed.getLayers().get(0).getDigest()).isEqualTo("sha256:" + RunProtocol.sha256(bytes));

        JsonNode meta = run.meta("example:oras-pushed", "1.1.0").json();
        assertThat(meta.get("sha256").asText()).isEqualTo(RunProtocol.sha256(bytes));
        assertThat(meta.get("description").asText()).isEqualTo("pushed by the ORAS SDK");
        assertThat(run.download("example:oras-pushed", "1.1.0").body()).isEqualTo(bytes);

        Path out = Files.createDirectories(dir.resolve("round-trip"));
        anonymous.pullArtifact(ContainerRef.parse(host + "/example/oras-pushed:1.1.0"), out, true);
        assertThat(Files.readAllBytes(out.resolve("oras-pushed.wasm"))).isEqualTo(bytes);
    }
}
