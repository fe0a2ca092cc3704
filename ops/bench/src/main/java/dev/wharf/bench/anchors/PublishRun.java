package dev.wharf.bench.anchors;

import dev.wharf.bench.standalone.Latencies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed loop of publishes: {@code clients} threads take the next unit of work (a package's
 * versions, sent in order) until {@code units} are done or the time limit passes; each waits
 * for its answer before sending the next. Only the exchange is timed, not building the body.
 */
final class PublishRun {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger complaints = new AtomicInteger();

    Latencies.Summary run(int clients, int units, Duration limit, IntFunction<List<HttpRequest>> unit) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(Thread.ofPlatform().name("publisher-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < units && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    for (HttpRequest request : unit.apply(i)) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                            latencies.record(answer.statusCode(), System.nanoTime() - sent);
                            if (answer.statusCode() / 100 != 2 && complaints.incrementAndGet() <= 5) {
                                System.err.println(request.method() + " " + request.uri() + ": " + answer.statusCode() + " " + answer.body());
                            }
                        } catch (IOException e) {
                            latencies.failed();
                            if (complaints.incrementAndGet() <= 5) System.err.println(request.uri() + ": " + e);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        return latencies.summary((System.nanoTime() - start) / 1e9);
    }
}
