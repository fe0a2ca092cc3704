package dev.wharf.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.node.WharfApplication;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator backs up a running standalone registry ({@code ops/wharf backup DIR}), restores it
 * into a new DATA_DIR ({@code ops/wharf restore DIR}) and starts it: every answer is the same —
 * package lists, versions, metadata, artifact bytes, search, statistics and downloads per day.
 */
class BackupRestoreTest {

    static final Map<String, String> ENV = Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret", "SEARCH_DOWNLOAD_COUNTS_DELAY", "100ms");

    @TempDir
    Path dir;

    @Test
    void a_backup_taken_while_running_restores_into_a_new_data_dir_with_every_answer_equal() throws Exception {
        Path backup = dir.resolve("backup");
        Map<String, byte[]> before;
        Map<String, byte[]> beforeBytes;
        try (RunningRegistry original = RunningRegistry.start(dir.resolve("original"), ENV)) {
            RunProtocol run = new RunProtocol(original.url());
            Path calc = Fixtures.component("component/example-calculator-1.1.0.wasm");
            for (String v : List.of("1.0.0", "1.1.0", "2.0.0-rc.1")) assertThat(run.publish("admin-secret", "acme:calc", v, calc).status()).isEqualTo(201);
            assertThat(run.publish("admin-secret", "tools:adder", "0.1.0", calc).status()).isEqualTo(201);
            assertThat(run.publish("admin-secret", "acme:calc", "1.0.0", calc).status()).isEqualTo(409);
            for (int i = 0; i < 3; i++) run.download("acme:calc", "1.1.0");
            run.download("tools:adder", "0.1.0");
            Eventually.await(Duration.ofSeconds(30), () -> run.get("/api/v1/stats").json(), s -> s.get("download_count").asLong() == 4);

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            original.adminUrl().resolve("/tasks/backup?dir=" + backup.toAbsolutePath()))
                    .header("Authorization", "Bearer admin-secret") // as ops/wharf backup sends REGISTRY_ADMIN_TOKEN
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode manifest = new ObjectMapper().readTree(answer.body());
            assertThat(manifest.get("events").asLong()).isGreaterThanOrEqualTo(6); // 4 publishes (the 409 was refused before the log), download counts of 2 packages
            assertThat(manifest.get("blobs").asLong()).isEqualTo(1);
            // Stats' lists are read at most every 2 s (RegistryHighlights): wait until they show the downloads.
            before = Eventually.await(Duration.ofSeconds(30), () -> answers(run, false), a -> a.get("/api/v1/search?q=calc").length > 0
                    && new String(a.get("/api/v1/stats")).contains("\"top_packages\":[{"));
            beforeBytes = answers(run, true);
        }

        Path restored = dir.resolve("restored");
        Path config = RunningRegistry.writeConfig(restored, ENV);
        new WharfApplication().run("restore", config.toString(), backup.toString());
        try (RunningRegistry copy = RunningRegistry.start(restored, ENV)) {
            RunProtocol run = new RunProtocol(copy.url());
            // Reads first, polled until the copy has replayed the log; the artifacts once at the end,
            // since each download counts and would move the numbers being compared.
            Map<String, byte[]> after = Eventually.await(Duration.ofSeconds(60), () -> answers(run, false),
                    a -> same(before, a));
            for (String path : before.keySet()) {
                assertThat(new String(after.get(path))).as(path).isEqualTo(new String(before.get(path)));
            }
            Map<String, byte[]> afterBytes = answers(run, true);
            for (String path : beforeBytes.keySet()) {
                assertThat(afterBytes.get(path)).as(path).isEqualTo(beforeBytes.get(path));
            }
        }
    }

    /**
     * Every answer a client could ask for, by path, with the node's own URL taken out: the reads,
     * or ({@code artifacts}) the downloads alone.
     */
    private static Map<String, byte[]> answers(RunProtocol run, boolean artifacts) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/packages", "/api/v1/stats", "/api/v1/search?q=calc", "/api/v1/search",
                "/api/v1/search?q=&sort=downloads"));
        for (String name : List.of("acme%3Acalc", "tools%3Aadder")) {
            paths.add("/api/v1/packages/" + name + "/versions");
            paths.add("/api/v1/packages/" + name + "/downloads?days=3");
        }
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0-rc.1")) {
            paths.add("/api/v1/packages/acme%3Acalc/" + v);
            paths.add("/packages/acme%3Acalc/" + v + "/artifact.wasm");
        }
        paths.add("/packages/tools%3Aadder/0.1.0/artifact.wasm");
        paths.removeIf(p -> p.endsWith(".wasm") != artifacts);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String p : paths) {
            RunProtocol.Answer a = run.get(p);
            if (a.status() != 200) return Map.of(p, new byte[0]);
            String text = new String(a.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
            out.put(p, (p.endsWith(".wasm") ? text : text.replaceAll("http://127\\.0\\.0\\.1:\\d+", "URL")
                    .replaceAll("\"uptime_percent\":[0-9.eE+-]+", "")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (String k : a.keySet()) if (!java.util.Arrays.equals(a.get(k), b.get(k))) return false;
        return true;
    }
}
