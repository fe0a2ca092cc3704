package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.RunningRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of three packages with version ranges (chain:top → chain:mid → chain:base): install
 * picks the newest versions the ranges allow; after new releases, update moves only what the
 * ranges allow; incompatible ranges are reported with the chains that caused them.
 */
class DependencyRangesTest {

    @TempDir static Path data;
    @TempDir static Path workspace;
    static RunningRegistry registry;
    static Wharf publisher;
    static Wharf wharf;
    static final Path WASM = Wharf.fixture("component/example-calculator-1.0.0.wasm");

    @BeforeAll
    static void start() throws IOException {
        registry = RunningRegistry.start(data, Map.of("REGISTRY_TOKENS", "chain:chain-token"));
        wharf = new Wharf(Map.of("RUN_REGISTRY_URL", registry.url().toString()));
        publisher = wharf.with("RUN_AUTH_TOKEN", "chain-token");
        release("base", "1.0.0", Map.of());
        release("base", "1.1.0", Map.of());
        release("base", "2.0.0", Map.of());
        release("mid", "1.0.0", Map.of("chain:base", "^1.0"));
        release("top", "1.0.0", Map.of("chain:mid", "~1.0"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static void release(String component, String version, Map<String, String> dependencies) throws IOException {
        Wharf.Result r = publisher.publish(workspace, "chain", component, version, WASM, dependencies);
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void ranges_resolve_to_the_newest_allowed_and_update_moves_only_what_they_allow() throws IOException {
        Path app = Files.createDirectories(workspace.resolve("app"));
        Files.writeString(app.resolve("run.toml"), "[dependencies]\n\"chain:top\" = \"1\"\n");

        Wharf.Result install = wharf.in(app, "install");
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(locked(app)).isEqualTo(Map.of("chain:top", "1.0.0", "chain:mid", "1.0.0", "chain:base", "1.1.0"));
        assertThat(Files.readString(app.resolve("run.lock"))).contains("dependencies = [\"chain:base\"]", "dependencies = [\"chain:mid\"]");

        // New releases: some inside the ranges, some outside.
        release("base", "1.2.0", Map.of());
        release("base", "2.1.0", Map.of());
        release("mid", "1.0.5", Map.of("chain:base", "^1.2"));
        release("mid", "1.1.0", Map.of("chain:base", "^1.2"));
        release("top", "2.0.0", Map.of("chain:mid", "^1.1"));

        Wharf.Result onlyBase = wharf.in(app, "update", "chain:base");
        assertThat(onlyBase.exit()).as(onlyBase.toString()).isZero();
        assertThat(onlyBase.out()).contains("chain:base 1.1.0 → 1.2.0").doesNotContain("chain:mid");
        assertThat(locked(app)).containsEntry("chain:mid", "1.0.0");

        Wharf.Result all = wharf.in(app, "update");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("chain:mid 1.0.0 → 1.0.5", "Updated 1 component").doesNotContain("chain:top");
        assertThat(locked(app)).isEqualTo(Map.of("chain:top", "1.0.0", "chain:mid", "1.0.5", "chain:base", "1.2.0"));
        assertThat(app.resolve(".run/components/chain__mid@1.0.5.wasm")).exists();
        assertThat(app.resolve(".run/components/chain__mid@1.0.0.wasm")).doesNotExist();

        Wharf.Result again = wharf.in(app, "update");
        assertThat(again.out()).contains("Everything is up to date");
        assertThat(wharf.in(app, "verify").exit()).isZero();
    }

    @Test
    void incompatible_ranges_name_the_chain_that_caused_them() throws IOException {
        Path app = Files.createDirectories(workspace.resolve("conflict"));
        Files.writeString(app.resolve("run.toml"), "[dependencies]\n\"chain:top\" = \"=1.0.0\"\n\"chain:base\" = \"^2\"\n");

        Wharf.Result install = wharf.in(app, "install");

        assertThat(install.exit()).isEqualTo(1);
        assertThat(install.err()).hasLineCount(1).startsWith("error: no version of chain:base satisfies every requirement on it: ^2 (from run.toml) and ^1.")
                .contains("(from run.toml → chain:top@1.0.0 → chain:mid@1.0.");
        assertThat(app.resolve("run.lock")).doesNotExist();
        assertThat(app.resolve(".run")).doesNotExist();
    }

    private static Map<String, String> locked(Path app) throws IOException {
        Map<String, String> out = new java.util.HashMap<>();
        String name = null;
        for (String line : Files.readAllLines(app.resolve("run.lock"))) {
            if (line.startsWith("name = ")) name = line.substring(8, line.length() - 1);
            if (line.startsWith("version = \"") && name != null) out.put(name, line.substring(11, line.length() - 1));
        }
        return out;
    }
}
