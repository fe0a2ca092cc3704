package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.wharf.fuzz.HttpFuzzer;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.LogCapture;
import dev.wharf.testing.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wharf fuzzes itself on every build (issue 14): ops/fuzz's HTTP fuzzer sends 5,000 hostile
 * requests over every route to a standalone node and fails on any 5xx, a connection that ends
 * before an answer, an answer slower than 10 s, an error that is not JSON, or state nobody asked
 * for. The node's log stays quiet too: no ERROR, and what a client can cause is one short WARN
 * line without a stack trace.
 */
class HttpFuzzTest {

    static final String TOKEN = "fuzz-admin-token";

    @Test
    void five_thousand_hostile_requests_get_json_4xx_answers_and_leave_no_state(@TempDir Path data) throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", TOKEN));
             LogCapture log = LogCapture.attach()) {
            HttpFuzzer.Report report = HttpFuzzer.run(new HttpFuzzer.Options(registry.url(), TOKEN, 5_000, 14,
                    // A safety bound, not a speed test: an idle 2-core machine sends the 5,000 in well under 2 minutes.
                    Duration.ofMinutes(10), 4, Fixtures.component("component/example-calculator-1.0.0.wasm"), data, -1),
                    System.out::println);
            System.out.println("fuzz: " + report.summary());

            assertThat(report.failures()).as(report.summary()).isEmpty();
            assertThat(report.stateProblems()).isEmpty();
            assertThat(report.sent()).isGreaterThanOrEqualTo(5_000);
            List<ILoggingEvent> loud = log.events().stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                            || e.getLevel() == Level.WARN && (e.getThrowableProxy() != null || e.getFormattedMessage().length() > 400))
                    .toList();
            assertThat(loud).extracting(LogCapture::line).isEmpty();
            assertThat(Files.list(data.resolve("spool")).toList()).isEmpty();
        }
    }
}
