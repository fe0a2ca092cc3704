package dev.wharf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator points Prometheus at the admin port: the scrape is valid text format (checked by
 * Prometheus' own parser, promtool) and tells publishes by outcome, reads by route, search
 * latency, replica lag, the log's end offsets and blob store errors under wharf_* names.
 */
class PrometheusScrapeTest {

    static final String PROMTOOL = "/usr/bin/promtool";

    @TempDir
    Path data;

    @Test
    void a_scrape_parses_and_counts_what_the_registry_did() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret"))) {
            RunProtocol run = new RunProtocol(registry.url());
            Path wasm = Fixtures.component("component/example-calculator-1.1.0.wasm");
            assertThat(run.publish("admin-secret", "acme:calc", "1.0.0", wasm).status()).isEqualTo(201);
            assertThat(run.publish("admin-secret", "acme:calc", "1.0.0", wasm).status()).isEqualTo(409);
            assertThat(run.publish("not-a-token", "acme:calc", "1.0.1", wasm).status()).isEqualTo(401);
            assertThat(run.versions("acme:calc").status()).isEqualTo(200);
            assertThat(run.search("calc").status()).isEqualTo(200);

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(registry.adminUrl().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            String text = scrape.body();
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "prometheus-scrape.txt"), text);

            // The whole scrape parses (promtool exits 3 for lint advice on Dropwizard's camelCase names, 1 when it cannot parse)...
            Promtool whole = promtool(text);
            assertThat(whole.exit()).as(whole.output()).isIn(0, 3);
            assertThat(whole.output()).doesNotContain("error while linting");
            // ...and the registry's own families are lint-clean: promtool then prints each one's cardinality.
            String wharf = text.lines().filter(l -> l.matches("(# (HELP|TYPE) )?wharf_.*")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            Promtool own = promtool(wharf);
            assertThat(own.exit()).as(own.output()).isZero();
            assertThat(own.output()).contains("wharf_publishes_total").contains("wharf_reads_seconds").contains("wharf_search_seconds")
                    .contains("wharf_replica_lag_records").contains("wharf_log_end_offset").contains("wharf_blob_store_errors_total");
            assertThat(text)
                    .contains("wharf_publishes_total{outcome=\"published\"} 1.0")
                    .contains("wharf_publishes_total{outcome=\"conflict\"} 1.0")
                    .contains("wharf_publishes_total{outcome=\"unauthorized\"} 1.0")
                    .containsPattern("wharf_reads_seconds_count\\{route=\"/api/v1/packages/\\{path\\}\"} [1-9]")
                    .containsPattern("wharf_reads_seconds_count\\{route=\"/api/v1/search\"} [1-9]")
                    .containsPattern("(?m)^wharf_search_seconds_count [1-9]")
                    .containsPattern("(?m)^wharf_replica_lag_records [0-9]")
                    .containsPattern("wharf_log_end_offset\\{partition=\"[0-5]\"} [1-9]")
                    .containsPattern("wharf_reads_seconds_count\\{route=\"/health\"} [1-9]")
                    .containsPattern("(?m)^wharf_blob_store_errors_total 0")
                    .contains("io_dropwizard_db_ManagedPooledDataSource_metadata_active"); // the existing Dropwizard metrics, bridged
        }
    }

    record Promtool(int exit, String output) {}

    /** Prometheus' own parser: {@code promtool check metrics} reads an exposition from stdin. */
    private static Promtool promtool(String exposition) throws Exception {
        assertThat(Path.of(PROMTOOL)).as("promtool is needed: apt-get install prometheus (ops/test.d)").isExecutable();
        Process p = new ProcessBuilder(PROMTOOL, "check", "metrics", "--extended").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Promtool(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
}
