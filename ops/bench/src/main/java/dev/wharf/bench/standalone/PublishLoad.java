package dev.wharf.bench.standalone;

import dev.wharf.testing.RunProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes {@code count} packages of the catalogue through the real HTTP API, as the Run
 * client does (multipart, {@code component} field, sha256), from {@code publishers} threads,
 * each waiting for its answer before sending the next. Bounded by count and by a deadline.
 */
public final class PublishLoad {

    private final URI base;
    private final String token;
    private final Catalogue catalogue;
    private final SyntheticComponent component;
    private final int size;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public PublishLoad(URI base, String token, Catalogue catalogue, SyntheticComponent component, int size) {
        this.base = base;
        this.token = token;
        this.catalogue = catalogue;
        this.component = component;
        this.size = size;
    }

    public Latencies.Summary run(int publishers, Duration limit) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            threads.add(Thread.ofPlatform().name("publisher-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < catalogue.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    HttpRequest request = request(i);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.record(answer.statusCode(), System.nanoTime() - sent);
                        if (answer.statusCode() != 201) {
                            System.err.println("publish " + catalogue.name(i) + ": " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException e) {
                        latencies.failed();
                        System.err.println("publish " + catalogue.name(i) + ": " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                    int n = done.incrementAndGet();
                    if (n % 1000 == 0) {
                        System.err.printf("  %d published, %.0f s%n", n, (System.nanoTime() - start) / 1e9);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        return latencies.summary((System.nanoTime() - start) / 1e9);
    }

    /** The publish of package {@code i} of the catalogue, as the Run client sends it. */
    public HttpRequest request(int i) {
        byte[] file = component.unique(catalogue.name(i) + "@" + System.nanoTime(), size);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", catalogue.name(i));
        fields.put("version", Catalogue.VERSION);
        fields.put("description", catalogue.description(i));
        fields.put("sha256", RunProtocol.sha256(file));
        String boundary = "wharf-bench-" + i + "-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 1024);
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"component\"; filename=\"component.wasm\""
                + "\r\nContent-Type: application/wasm\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/api/v1/packages"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
