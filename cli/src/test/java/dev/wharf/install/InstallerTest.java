package dev.wharf.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.client.Endpoints;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.RegistryError;
import dev.wharf.client.ScriptedRegistry;
import dev.wharf.client.TransferProgress;
import dev.wharf.project.ProjectLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install transaction: a download whose bytes do not match the registry's sha256 stops the
 * install before anything in the project changes, even when other downloads succeeded.
 */
class InstallerTest {

    @TempDir Path project;
    private final ScriptedRegistry registry = new ScriptedRegistry();

    InstallerTest() throws IOException {}

    @AfterEach
    void stop() {
        registry.close();
    }

    private void serve(String name, String version, byte[] advertised, byte[] served) {
        String encoded = name.replace(":", "%3A");
        registry.on("/api/v1/packages/" + encoded + "/versions", 200, "{\"versions\":[\"" + version + "\"]}");
        registry.on("/api/v1/packages/" + encoded + "/" + version, 200, "{\"name\":\"" + name + "\",\"version\":\"" + version
                + "\",\"sha256\":\"" + sha256(advertised) + "\",\"size\":" + advertised.length + ",\"download_url\":\""
                + registry.url() + "/packages/" + encoded + "/" + version + "/artifact.wasm\",\"dependencies\":[]}");
        registry.on("/packages/" + encoded + "/" + version + "/artifact.wasm", 200, served);
    }

    @Test
    void a_download_that_does_not_match_leaves_the_project_as_it_was() throws IOException {
        byte[] good = "\0asm good".getBytes(StandardCharsets.UTF_8);
        byte[] real = "\0asm real".getBytes(StandardCharsets.UTF_8);
        serve("a:good", "1.0.0", good, good);
        serve("z:bad", "1.0.0", real, "\0asm swapped on the way".getBytes(StandardCharsets.UTF_8));
        String runToml = "[dependencies]\n\"a:good\" = \"1\"\n\"z:bad\" = \"1\"\n";
        Files.writeString(project.resolve("run.toml"), runToml);
        ProjectLayout layout = new ProjectLayout(project);
        Installer installer = new Installer(layout, () -> new RegistryClient(
                new Endpoints(registry.url(), List.of(), 3, Duration.ofMillis(1), Duration.ofSeconds(5)), null), TransferProgress.NONE);

        assertThatThrownBy(() -> installer.install(null, false))
                .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.INTEGRITY))
                .hasMessageStartingWith("the download of z:bad@1.0.0 does not match the registry's checksum");

        assertThat(registry.hits("/packages/a%3Agood/1.0.0/artifact.wasm")).isEqualTo(1);
        assertThat(layout.componentsDir()).doesNotExist();
        assertThat(layout.runLock()).doesNotExist();
        assertThat(Files.readString(layout.runToml())).isEqualTo(runToml);
        try (Stream<Path> cache = Files.list(layout.cacheDir())) {
            assertThat(cache.toList()).isEmpty();
        }
    }

    @Test
    void a_package_added_from_the_command_line_is_written_only_after_it_installed() throws IOException {
        byte[] bytes = "\0asm ok".getBytes(StandardCharsets.UTF_8);
        serve("a:ok", "1.2.3", bytes, bytes);
        Installer installer = new Installer(new ProjectLayout(project), () -> new RegistryClient(
                new Endpoints(registry.url(), List.of(), 3, Duration.ofMillis(1), Duration.ofSeconds(5)), null), TransferProgress.NONE);

        Installer.Outcome outcome = installer.install(PackageSpec.parse("a:ok"), false);

        assertThat(outcome.steps()).containsExactly(new Installer.Step("a:ok", dev.wharf.resolve.Version.parse("1.2.3"), Installer.Action.DOWNLOADED));
        assertThat(Files.readString(project.resolve("run.toml")))
                .isEqualTo("[project]\nname = \"" + project.getFileName() + "\"\nversion = \"0.1.0\"\n\n[dependencies]\n\"a:ok\" = \"1.2.3\"\n");
        assertThat(Files.readAllBytes(project.resolve(".run/components/a__ok@1.2.3.wasm"))).isEqualTo(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
