package dev.wharf.bench.standalone;

import dev.wharf.testing.RunProtocol;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A closed loop of reads: {@code threads} clients, each sending its next request as soon as
 * the previous answer is read, for a warm-up (not recorded) and then a fixed duration.
 */
final class ReadLoad {

    /** What is read: one version's metadata, a package's version list, or a search. */
    enum Kind { META, VERSIONS, SEARCH }

    private final URI base;
    private final Catalogue catalogue;
    private final Kind kind;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    ReadLoad(URI base, Catalogue catalogue, Kind kind) {
        this.base = base;
        this.catalogue = catalogue;
        this.kind = kind;
    }

    Latencies.Summary run(int threads, Duration warmUp, Duration measured) throws InterruptedException {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long measuring = start + warmUp.toNanos();
        long end = measuring + measured.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(42 + t);
            clients.add(Thread.ofPlatform().name("reader-" + t).start(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(path(random)))
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long now = System.nanoTime();
                        if (sent >= measuring && now <= end) latencies.record(answer.statusCode(), now - sent);
                    } catch (IOException e) {
                        if (sent >= measuring) latencies.failed();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : clients) t.join();
        return latencies.summary(measured.toNanos() / 1e9);
    }

    private String path(Random random) {
        String name = RunProtocol.encode(catalogue.name(random.nextInt(catalogue.size())));
        return switch (kind) {
            case META -> "/api/v1/packages/" + name + "/" + Catalogue.VERSION;
            case VERSIONS -> "/api/v1/packages/" + name + "/versions";
            case SEARCH -> "/api/v1/search?q=" + RunProtocol.encode(catalogue.query(random));
        };
    }
}
