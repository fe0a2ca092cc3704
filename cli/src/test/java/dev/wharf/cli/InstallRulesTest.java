package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.client.ScriptedRegistry;
import dev.wharf.project.LockedComponent;
import dev.wharf.project.RunLock;
import dev.wharf.resolve.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install rules of issues 10 and 13, told as a user meets them, against a scripted registry:
 * yanked versions (cargo's rule), deprecation warnings, --locked, --offline, --json, path and git
 * dependencies, and a project that needs nothing.
 */
class InstallRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path workspace;
    private final ScriptedRegistry registry = new ScriptedRegistry();
    private final Wharf wharf;

    InstallRulesTest() throws IOException {
        wharf = new Wharf(Map.of("RUN_REGISTRY_URL", registry.url().toString()));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static byte[] bytes(String name, String version) {
        return ("\0asm " + name + "@" + version).getBytes(StandardCharsets.UTF_8);
    }

    /** Serves {@code name} with {@code versions}, of which {@code yanked} are yanked; {@code deprecated} is the package's message or null. */
    private void serve(String name, List<String> versions, List<String> yanked, String deprecated) throws IOException {
        String encoded = name.replace(":", "%3A");
        List<String> offered = versions.stream().filter(v -> !yanked.contains(v)).toList();
        registry.on("/api/v1/packages/" + encoded + "/versions", 200, JSON.writeValueAsString(Map.of("name", name, "versions", offered)));
        registry.on("/api/v1/packages/" + encoded + "/versions?include_yanked=true", 200,
                JSON.writeValueAsString(Map.of("name", name, "versions", versions, "yanked", yanked)));
        for (String v : versions) {
            Map<String, Object> meta = new java.util.HashMap<>(Map.of("name", name, "version", v, "sha256", sha256(bytes(name, v)),
                    "size", bytes(name, v).length, "download_url", registry.url() + "/packages/" + encoded + "/" + v + "/artifact.wasm",
                    "dependencies", List.of(), "yanked", yanked.contains(v)));
            meta.put("yank_reason", yanked.contains(v) ? "CVE-2026-1" : null);
            meta.put("deprecated", deprecated);
            registry.on("/api/v1/packages/" + encoded + "/" + v, 200, JSON.writeValueAsString(meta));
            registry.on("/packages/" + encoded + "/" + v + "/artifact.wasm", 200, bytes(name, v));
        }
    }

    private Path project(String name, String runToml) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve(name));
        Files.writeString(dir.resolve("run.toml"), runToml);
        return dir;
    }

    private static void lock(Path project, String name, String version) throws IOException {
        Files.writeString(project.resolve("run.lock"), RunLock.of(List.of(
                new LockedComponent(name, Version.parse(version), sha256(bytes(name, version)), List.of()))).render());
    }

    private static String locked(Path project, String name) throws IOException {
        return RunLock.parse(Files.readString(project.resolve("run.lock"))).get(name).orElseThrow().version().toString();
    }

    @Test
    void a_yanked_version_is_skipped_for_new_resolution_and_kept_with_a_warning_when_locked() throws IOException {
        serve("app:lib", List.of("1.0.0", "1.1.0"), List.of("1.1.0"), null);
        serve("app:other", List.of("2.0.0"), List.of(), null);

        Path fresh = project("fresh", "[dependencies]\n\"app:lib\" = \"1\"\n");
        Wharf.Result install = wharf.in(fresh, "install");
        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(locked(fresh, "app:lib")).as("1.1.0 is yanked: new resolution picks 1.0.0").isEqualTo("1.0.0");
        assertThat(install.err()).isEmpty();

        // A lockfile made before the yank keeps working, with a warning (cargo's rule).
        Path old = project("old", "[dependencies]\n\"app:lib\" = \"1\"\n");
        lock(old, "app:lib", "1.1.0");
        Wharf.Result kept = wharf.in(old, "install");
        assertThat(kept.exit()).as(kept.toString()).isZero();
        assertThat(kept.out()).contains("Installed app:lib@1.1.0");
        assertThat(kept.err()).isEqualTo("warning: app:lib@1.1.0 is yanked (CVE-2026-1); kept because run.lock holds it;"
                + " `wharf update app:lib` moves to a version that is not yanked when one fits\n");

        // Adding a package resolves again, and still keeps the locked yanked version.
        Wharf.Result added = wharf.in(old, "install", "app:other");
        assertThat(added.exit()).as(added.toString()).isZero();
        assertThat(locked(old, "app:lib")).isEqualTo("1.1.0");

        // update moves off it.
        Wharf.Result update = wharf.in(old, "update", "--json");
        assertThat(update.exit()).as(update.toString()).isZero();
        assertThat(JSON.readTree(update.out()).get("changes").toString()).isEqualTo("[{\"name\":\"app:lib\",\"from\":\"1.1.0\",\"to\":\"1.0.0\"}]");
        assertThat(locked(old, "app:lib")).isEqualTo("1.0.0");
    }

    @Test
    void installing_a_deprecated_package_warns_with_its_message() throws IOException {
        serve("app:old", List.of("1.0.0"), List.of(), "use app:new instead");
        Path app = project("deprecated", "[project]\nname = \"app\"\nversion = \"0.1.0\"\n");

        Wharf.Result install = wharf.in(app, "install", "app:old", "--json");

        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.err()).isEqualTo("warning: app:old is deprecated: use app:new instead\n");
        JsonNode out = JSON.readTree(install.out());
        assertThat(out.get("components").get(0).get("action").asText()).isEqualTo("downloaded");
        assertThat(out.get("warnings").get(0).asText()).isEqualTo("app:old is deprecated: use app:new instead");
        assertThat(out.get("run_toml_changed").asBoolean()).isTrue();
    }

    @Test
    void locked_refuses_to_change_run_lock_and_offline_never_asks_the_registry() throws IOException {
        serve("app:lib", List.of("1.0.0"), List.of(), null);
        Path app = project("ci", "[dependencies]\n\"app:lib\" = \"1\"\n");

        Wharf.Result locked = wharf.in(app, "install", "--locked");
        assertThat(locked.exit()).isEqualTo(1);
        assertThat(locked.err()).isEqualTo("error: --locked: run.lock would change (add app:lib@1.0.0); run without --locked to update it\n");
        assertThat(app.resolve("run.lock")).doesNotExist();
        assertThat(app.resolve(".run")).doesNotExist();

        Wharf.Result offline = wharf.in(app, "install", "--offline");
        assertThat(offline.err()).isEqualTo("error: --offline: run.lock does not lock every requirement of run.toml;"
                + " run without --offline to resolve them\n");

        assertThat(wharf.in(app, "install").exit()).isZero();
        String lockText = Files.readString(app.resolve("run.lock"));
        assertThat(wharf.in(app, "install", "--locked").exit()).isZero();

        Files.delete(app.resolve(".run/components/app__lib@1.0.0.wasm"));
        int before = registry.requests().size();
        Wharf.Result fromCache = wharf.in(app, "install", "--offline");
        assertThat(fromCache.exit()).as(fromCache.toString()).isZero();
        assertThat(registry.requests()).hasSize(before);
        assertThat(app.resolve(".run/components/app__lib@1.0.0.wasm")).exists();

        Files.delete(app.resolve(".run/cache/app__lib@1.0.0.wasm"));
        Files.delete(app.resolve(".run/components/app__lib@1.0.0.wasm"));
        Wharf.Result notCached = wharf.in(app, "install", "--offline");
        assertThat(notCached.err()).isEqualTo("error: --offline: app:lib@1.0.0 is not in .run/cache; run without --offline to download it\n");
        assertThat(registry.requests()).hasSize(before);
        assertThat(wharf.in(app, "update", "--offline").err())
                .isEqualTo("error: wharf update asks the registry for newer versions, so it cannot run --offline\n");

        Files.writeString(app.resolve("run.toml"), "[dependencies]\n\"app:lib\" = \"^2\"\n");
        serve("app:lib", List.of("1.0.0", "2.0.0"), List.of(), null);
        assertThat(wharf.in(app, "install", "--locked").err())
                .isEqualTo("error: --locked: run.lock would change (app:lib 1.0.0 → 2.0.0); run without --locked to update it\n");
        assertThat(Files.readString(app.resolve("run.lock"))).isEqualTo(lockText);
    }

    @Test
    void path_and_git_dependencies_are_skipped_with_a_note() throws IOException {
        serve("app:lib", List.of("1.0.0"), List.of(), null);
        Path app = project("local", """
                [project]
                name = "app"
                version = "0.1.0"

                [dependencies]
                "app:lib" = "1"
                "app:sibling" = { path = "../sibling" }

                [dependencies."app:forked"]
                git = "https://example.org/forked.git"
                """);

        Wharf.Result install = wharf.in(app, "install");

        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("Installed app:lib@1.0.0", "1 installed");
        assertThat(install.err()).contains(
                "note: skipping app:sibling in [dependencies]: a path dependency (../sibling), not one from a registry",
                "note: skipping app:forked in [dependencies]: a git dependency (https://example.org/forked.git), not one from a registry");
        assertThat(registry.requests()).noneMatch(r -> r.path().contains("sibling") || r.path().contains("forked"));
        assertThat(wharf.in(app, "verify").exit()).isZero();
        assertThat(wharf.in(app, "update").exit()).isZero();
    }

    @Test
    void a_project_that_needs_nothing_gets_no_run_lock_since_run_would_refuse_an_empty_one() throws IOException {
        Path app = project("empty", "[project]\nname = \"app\"\nversion = \"0.1.0\"\n");
        Files.writeString(app.resolve("run.lock"), RunLock.empty().render()); // what an older wharf wrote

        Wharf.Result install = wharf.in(app, "install");

        assertThat(install.exit()).as(install.toString()).isZero();
        assertThat(install.out()).contains("0 installed, 0 already up to date");
        assertThat(app.resolve("run.lock")).doesNotExist();
        assertThat(registry.requests()).isEmpty();
        Wharf.Result verify = wharf.in(app, "verify");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("All 0 components verified");
    }

    @Test
    void run_toml_entries_run_could_not_read_or_the_registry_would_refuse_are_named() throws IOException {
        Path app = project("bad", "[dependencies]\n\"app:lib\" = \">=1.0 <2.0\"\n");
        assertThat(wharf.in(app, "install").err()).isEqualTo("error: run.toml [dependencies] \"app:lib\": '>=1.0 <2.0' is not a version"
                + " requirement Run can read (separate comparators with a comma, like >=1.0, <2.0)\n");

        Files.writeString(app.resolve("run.toml"), "[dependencies]\n\"App:lib\" = \"1\"\n");
        assertThat(wharf.in(app, "install").err()).isEqualTo("error: run.toml [dependencies] \"App:lib\": namespace 'App' must be"
                + " lower-case letters, digits and '-', starting with a letter or digit\n");
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void publish_prints_json() throws IOException {
        registry.on("POST /api/v1/packages", 201, "{}");
        Path app = project("pub", "[project]\nname = \"app\"\nversion = \"1.0.0\"\n\n[[component]]\nname = \"lib\"\npath = \"lib.wasm\"\n");
        Files.write(app.resolve("lib.wasm"), bytes("app:lib", "1.0.0"));

        Wharf.Result publish = wharf.with("RUN_AUTH_TOKEN", "t").in(app, "publish", "--json");

        assertThat(publish.exit()).as(publish.toString()).isZero();
        JsonNode p = JSON.readTree(publish.out()).get("published").get(0);
        assertThat(p.get("name").asText()).isEqualTo("app:lib");
        assertThat(p.get("sha256").asText()).isEqualTo(sha256(bytes("app:lib", "1.0.0")));
        assertThat(p.get("pending").asBoolean()).isFalse();

        Files.writeString(app.resolve("run.toml"), "[project]\nname = \"App\"\nversion = \"1.0.0\"\n\n[[component]]\nname = \"lib\"\npath = \"lib.wasm\"\n");
        assertThat(wharf.with("RUN_AUTH_TOKEN", "t").in(app, "publish").err())
                .isEqualTo("error: namespace 'App' must be lower-case letters, digits and '-', starting with a letter or digit\n");
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
