package dev.wharf.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Watches a freshly started api-node from the outside: when it first answers 200 on
 * {@code /health}, and when its search replica (an empty query matches every package) counts
 * as many packages as the registry holds. Times are from the moment the script started the
 * process, passed in as epoch milliseconds.
 */
final class CatchUp {

    /** Milliseconds from process start; -1 when the deadline passed first. */
    record Result(long healthMs, long searchMs, long lastTotal) {}

    private static final Duration POLL = Duration.ofMillis(100);
    private final URI node;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    CatchUp(URI node) {
        this.node = node;
    }

    Result await(long startedEpochMs, long expectedPackages, Duration limit) throws InterruptedException {
        long deadline = startedEpochMs + limit.toMillis();
        long healthMs = -1;
        long lastTotal = -1;
        while (System.currentTimeMillis() < deadline) {
            if (healthMs < 0 && status("/health") == 200) {
                healthMs = System.currentTimeMillis() - startedEpochMs;
                System.err.printf("  /health 200 after %d ms%n", healthMs);
            }
            if (healthMs >= 0) {
                long total = total();
                if (total != lastTotal) System.err.printf("  search total %d after %d ms%n", total, System.currentTimeMillis() - startedEpochMs);
                lastTotal = total;
                if (total >= expectedPackages) return new Result(healthMs, System.currentTimeMillis() - startedEpochMs, total);
            }
            Thread.sleep(POLL);
        }
        return new Result(healthMs, -1, lastTotal);
    }

    private int status(String path) {
        try {
            return http.send(get(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private long total() {
        try {
            HttpResponse<String> answer = http.send(get("/api/v1/search?q=&limit=1"), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? json.readTree(answer.body()).path("total").asLong(-1) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
    }
}
