package dev.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest and config are a pure function of the version record: these golden bytes must
 * never change, or every digest a client has pinned would break.
 */
class WasmManifestTest {

    static final PublishedVersion CALC = new PublishedVersion("run:calc/calculator", "1.0.0+build.5", "A tiny calculator", null,
            "https://example.com/calc", "0ecf1de1daf2d83ad29688c0d4a7835bc0b49e6debbbffb44752b67aec42ff49", 887, 1_795_964_537L,
            "component", List.of("wasi:cli/environment@0.2.0"), List.of("example:calculator/ops@1.0.0"));

    @Test
    void the_config_and_manifest_bytes_are_fixed_by_the_record() {
        WasmManifest m = WasmManifest.of(CALC);
        assertThat(new String(m.config(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"created\":\"2026-11-29T15:02:17Z\",\"architecture\":\"wasm\",\"os\":\"wasip2\","
                        + "\"layerDigests\":[\"sha256:0ecf1de1daf2d83ad29688c0d4a7835bc0b49e6debbbffb44752b67aec42ff49\"],"
                        + "\"component\":{\"exports\":[\"example:calculator/ops@1.0.0\"],\"imports\":[\"wasi:cli/environment@0.2.0\"]}}");
        assertThat(new String(m.manifest(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.wasm.config.v0+json\",\"digest\":\"" + m.configDigest()
                        + "\",\"size\":" + m.config().length + "},"
                        + "\"layers\":[{\"mediaType\":\"application/wasm\","
                        + "\"digest\":\"sha256:0ecf1de1daf2d83ad29688c0d4a7835bc0b49e6debbbffb44752b67aec42ff49\",\"size\":887,"
                        + "\"annotations\":{\"org.opencontainers.image.title\":\"calculator.wasm\"}}],"
                        + "\"annotations\":{\"org.opencontainers.image.created\":\"2026-11-29T15:02:17Z\","
                        + "\"org.opencontainers.image.version\":\"1.0.0+build.5\","
                        + "\"org.opencontainers.image.description\":\"A tiny calculator\","
                        + "\"org.opencontainers.image.source\":\"https://example.com/calc\"}}");
        assertThat(m.manifestDigest()).isEqualTo(Digest.of(m.manifest()));
        assertThat(WasmManifest.of(CALC).manifestDigest()).isEqualTo(m.manifestDigest());
    }

    @Test
    void the_names_map_both_ways_with_the_prefix_and_plus_as_underscore() {
        OciNames names = new OciNames("wasm/");
        assertThat(names.repositoryOf(dev.wharf.domain.PackageName.parse("run:calc/calculator"))).isEqualTo("wasm/run/calc/calculator");
        assertThat(names.packageOf("wasm/run/calc/calculator")).hasValue(dev.wharf.domain.PackageName.parse("run:calc/calculator"));
        assertThat(names.packageOf("run/calc/calculator")).isEmpty();
        assertThat(names.packageOf("wasm/Run/calc")).isEmpty();
        assertThat(OciNames.tagOf("1.0.0+build.5")).isEqualTo("1.0.0_build.5");
        assertThat(OciNames.versionOf("1.0.0_build.5").map(Object::toString)).hasValue("1.0.0+build.5");
        assertThat(OciNames.versionOf("latest")).isEmpty();
    }
}
