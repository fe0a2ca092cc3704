package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.LogCapture;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With every logger at DEBUG (what the admin log-level task could once switch on), no line
 * carries a bearer token, the configured ones or a stranger's; and the admin tasks are off
 * unless configured, so nobody can switch DEBUG on from the admin port anyway (issue 14).
 */
class TokensNeverLoggedTest {

    static final String ADMIN = "admin-token-9f8e7d";
    static final String PUBLISHER = "publisher-token-1a2b3c";
    static final String STRANGER = "stranger-token-5c6d7e";

    @Test
    void at_debug_no_log_line_carries_an_authorization_value(@TempDir Path data) throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", ADMIN, "REGISTRY_TOKENS", "logs:" + PUBLISHER))) {
            RunProtocol run = new RunProtocol(registry.url());
            Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            Logger jetty = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.eclipse.jetty");
            Level rootBefore = root.getLevel();
            Level jettyBefore = jetty.getLevel();
            root.setLevel(Level.DEBUG);
            jetty.setLevel(Level.DEBUG);
            try (LogCapture log = LogCapture.attach()) {
                Path file = Fixtures.component("component/example-calculator-1.0.0.wasm");
                assertThat(run.publish(PUBLISHER, "logs:calc", "1.0.0", file).status()).isEqualTo(201);
                assertThat(run.publish(ADMIN, "logs:calc", "1.0.1", file).status()).isEqualTo(201);
                assertThat(run.publish(STRANGER, "logs:calc", "1.0.2", file).status()).isEqualTo(401);
                HttpResponse<String> lower = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registry.url().resolve("/health"))
                        .header("authorization", "bearer " + STRANGER).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(lower.statusCode()).isEqualTo(200);

                assertThat(log.events()).as("DEBUG lines were written").hasSizeGreaterThan(50);
                assertThat(log.events()).extracting(LogCapture::line)
                        .noneMatch(line -> line.contains(ADMIN) || line.contains(PUBLISHER) || line.contains(STRANGER));
            } finally {
                root.setLevel(rootBefore);
                jetty.setLevel(jettyBefore);
            }
        }
    }

    @Test
    void the_admin_tasks_are_off_unless_configured(@TempDir Path data) throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", ADMIN))) {
            HttpResponse<String> a = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            registry.adminUrl().resolve("/tasks/log-level?logger=org.eclipse.jetty&level=DEBUG"))
                    .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(a.statusCode()).isEqualTo(403);
            assertThat(a.body()).contains("\"error\"");
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.eclipse.jetty").getEffectiveLevel())
                    .isNotEqualTo(Level.DEBUG);
        }
    }
}
