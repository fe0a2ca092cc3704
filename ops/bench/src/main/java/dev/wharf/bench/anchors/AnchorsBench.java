package dev.wharf.bench.anchors;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.bench.BenchOptions;
import dev.wharf.bench.standalone.Latencies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java half of {@code ops/bench-vs-anchors}: loads the same data set into Wharf and
 * Verdaccio, writes Wharf's answers as files for nginx, lists the paths wrk reads, runs the
 * publish cells, and summarises JFR profiles. Every command prints one JSON line on stdout.
 *
 * <pre>
 * AnchorsBench load-wharf     --url U --token T --files DIR --paths DIR --packages N --size B --big-size B --publishers C [--minutes M]
 * AnchorsBench load-verdaccio --url U --token T --paths DIR --packages N --size B --big-size B --publishers C [--minutes M]
 * AnchorsBench publish        --target wharf|verdaccio --url U --token T --clients C --seconds S --size B --prefix P
 * AnchorsBench table          --results FILE (the script's JSON lines; prints the markdown table)
 * AnchorsBench profile        --jfr FILE --out FILE [--top N]
 * </pre>
 */
public final class AnchorsBench {

    private static final String TOOL = "AnchorsBench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnchorsBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) BenchOptions.usage(TOOL, "a command: load-wharf, load-verdaccio, publish, table or profile");
        Map<String, String> o = BenchOptions.parse(TOOL, args);
        String line = switch (args[0]) {
            case "load-wharf" -> loadWharf(o);
            case "load-verdaccio" -> loadVerdaccio(o);
            case "publish" -> publish(o);
            case "table" -> Scoreboard.print(Path.of(BenchOptions.required(TOOL, o, "results")));
            case "profile" -> CpuProfile.summarise(Path.of(BenchOptions.required(TOOL, o, "jfr")),
                    Path.of(BenchOptions.required(TOOL, o, "out")), Integer.parseInt(o.getOrDefault("top", "25")));
            default -> {
                BenchOptions.usage(TOOL, "load-wharf, load-verdaccio, publish, table or profile, not " + args[0]);
                yield "";
            }
        };
        System.out.println(line);
        if (line.contains("\"ok\":\"false\"")) System.exit(1); // Latencies.Summary writes non-numbers as strings
    }

    private static AnchorCatalogue catalogue(Map<String, String> o) {
        return new AnchorCatalogue(Integer.parseInt(o.getOrDefault("packages", "1000")),
                Integer.parseInt(o.getOrDefault("size", "51200")), Integer.parseInt(o.getOrDefault("big-size", "1048576")));
    }

    /** The releases of unit {@code i}: a package's versions in order, or (last unit) the big artifact. */
    private static List<Release> unit(AnchorCatalogue c, int i) {
        List<Release> releases = new ArrayList<>();
        if (i == c.packages()) {
            String v = AnchorCatalogue.VERSIONS.getFirst();
            releases.add(new Release(c.bigName(), c.bigNpmName(), v, "The big anchor artifact", c.artifact(c.bigName(), v, c.bigSize())));
        } else {
            for (String v : AnchorCatalogue.VERSIONS) {
                releases.add(new Release(c.name(i), c.npmName(i), v, c.description(i), c.artifact(c.name(i), v, c.size())));
            }
        }
        return releases;
    }

    private static String loadWharf(Map<String, String> o) throws Exception {
        AnchorCatalogue c = catalogue(o);
        URI base = URI.create(BenchOptions.required(TOOL, o, "url"));
        Path files = Path.of(BenchOptions.required(TOOL, o, "files"));
        Path paths = Path.of(BenchOptions.required(TOOL, o, "paths"));
        WharfUpload upload = new WharfUpload(base, BenchOptions.required(TOOL, o, "token"));
        int publishers = Integer.parseInt(o.getOrDefault("publishers", "8"));
        Latencies.Summary published = new PublishRun().run(publishers, c.packages() + 1, Duration.ofMinutes(Long.parseLong(o.getOrDefault("minutes", "10"))),
                i -> unit(c, i).stream().map(upload::request).toList());
        int expected = c.packages() * AnchorCatalogue.VERSIONS.size() + 1;
        // 202: the verdict took longer than PUBLISH_ACK_TIMEOUT (a loaded machine); the version is durable and
        // will be applied, so copying its answers below waits for it instead of failing the run.
        if (published.statuses().getOrDefault(201, 0L) + published.statuses().getOrDefault(202, 0L) != expected) {
            return published.json("load-wharf", Map.of("ok", false, "expected", expected));
        }
        // Wharf's own answers become nginx's files: the same bytes, served from disk.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong mismatches = new AtomicLong();
        List<Thread> fetchers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fetchers.add(Thread.ofPlatform().start(() -> {
                for (int i = next.getAndIncrement(); i <= c.packages(); i = next.getAndIncrement()) {
                    try {
                        List<Release> releases = unit(c, i);
                        String name = releases.getFirst().name();
                        copy(http, base, files, "/api/v1/packages/" + encode(name) + "/versions", "api/v1/packages/" + name + "/versions");
                        for (Release r : releases) {
                            byte[] meta = copy(http, base, files, "/api/v1/packages/" + encode(name) + "/" + r.version(),
                                    "api/v1/packages/" + name + "/" + r.version());
                            String sha = JSON.readTree(meta).path("sha256").asText();
                            if (!sha.equals(WharfUpload.hex(WharfUpload.digest("SHA-256", r.wasm())))) mismatches.incrementAndGet();
                            Path artifact = files.resolve("packages/" + name + "/" + r.version() + "/artifact.wasm");
                            Files.createDirectories(artifact.getParent());
                            Files.write(artifact, r.wasm());
                        }
                    } catch (IOException | InterruptedException e) {
                        mismatches.incrementAndGet();
                        System.err.println("copying package " + i + ": " + e);
                    }
                }
            }));
        }
        for (Thread t : fetchers) t.join();
        Files.createDirectories(paths);
        List<String> meta = new ArrayList<>(), versions = new ArrayList<>(), artifacts = new ArrayList<>(), search = new ArrayList<>();
        for (int i = 0; i < c.packages(); i++) {
            String name = encode(c.name(i));
            versions.add("/api/v1/packages/" + name + "/versions");
            search.add("/api/v1/search?q=" + c.word(i));
            for (String v : AnchorCatalogue.VERSIONS) {
                meta.add("/api/v1/packages/" + name + "/" + v);
                artifacts.add("/packages/" + name + "/" + v + "/artifact.wasm");
            }
        }
        Files.write(paths.resolve("meta.paths"), meta);
        Files.write(paths.resolve("versions.paths"), versions);
        Files.write(paths.resolve("artifact.paths"), artifacts);
        Files.write(paths.resolve("big.paths"), List.of("/packages/" + encode(c.bigName()) + "/" + AnchorCatalogue.VERSIONS.getFirst() + "/artifact.wasm"));
        Files.write(paths.resolve("search.paths"), search);
        // How many hits the "one hit" searches really have (a sample of 20).
        long hits = 0;
        for (int i = 0; i < Math.min(20, c.packages()); i++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(base.resolve(search.get(i))).build(), HttpResponse.BodyHandlers.ofByteArray());
            hits += JSON.readTree(answer.body()).path("total").asLong();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ok", mismatches.get() == 0);
        extra.put("mismatches", mismatches.get());
        extra.put("bytes", c.size());
        extra.put("big_bytes", c.bigSize());
        extra.put("search_hits_per_query", hits / (double) Math.min(20, c.packages()));
        return published.json("load-wharf", extra);
    }

    private static byte[] copy(HttpClient http, URI base, Path files, String path, String file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        while (answer.statusCode() == 404 && System.nanoTime() < deadline) { // a publish answered 202, not applied yet
            Thread.sleep(200);
            answer = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        if (answer.statusCode() != 200) throw new IOException("GET " + path + ": " + answer.statusCode());
        Path target = files.resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, answer.body());
        return answer.body();
    }

    private static String loadVerdaccio(Map<String, String> o) throws Exception {
        AnchorCatalogue c = catalogue(o);
        URI base = URI.create(BenchOptions.required(TOOL, o, "url"));
        Path paths = Path.of(BenchOptions.required(TOOL, o, "paths"));
        NpmUpload upload = new NpmUpload(base, BenchOptions.required(TOOL, o, "token"));
        int publishers = Integer.parseInt(o.getOrDefault("publishers", "8"));
        Latencies.Summary published = new PublishRun().run(publishers, c.packages() + 1, Duration.ofMinutes(Long.parseLong(o.getOrDefault("minutes", "10"))),
                i -> unit(c, i).stream().map(upload::request).toList());
        int expected = c.packages() * AnchorCatalogue.VERSIONS.size() + 1;
        long created = published.statuses().getOrDefault(201, 0L) + published.statuses().getOrDefault(200, 0L);
        Files.createDirectories(paths);
        List<String> meta = new ArrayList<>(), versions = new ArrayList<>(), artifacts = new ArrayList<>();
        for (int i = 0; i < c.packages(); i++) {
            String name = c.npmName(i);
            versions.add("/" + name);
            for (String v : AnchorCatalogue.VERSIONS) {
                meta.add("/" + name + "/" + v);
                artifacts.add("/" + name + "/-/" + name + "-" + v + ".tgz");
            }
        }
        Files.write(paths.resolve("npm-meta.paths"), meta);
        Files.write(paths.resolve("npm-versions.paths"), versions);
        Files.write(paths.resolve("npm-artifact.paths"), artifacts);
        String big = c.bigNpmName();
        Files.write(paths.resolve("npm-big.paths"), List.of("/" + big + "/-/" + big + "-" + AnchorCatalogue.VERSIONS.getFirst() + ".tgz"));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ok", created == expected);
        extra.put("expected", expected);
        extra.put("tarball_bytes", NpmUpload.tarball(unit(c, 0).getFirst()).length);
        extra.put("big_tarball_bytes", NpmUpload.tarball(unit(c, c.packages()).getFirst()).length);
        return published.json("load-verdaccio", extra);
    }

    private static String publish(Map<String, String> o) throws Exception {
        String target = BenchOptions.required(TOOL, o, "target");
        URI base = URI.create(BenchOptions.required(TOOL, o, "url"));
        String token = BenchOptions.required(TOOL, o, "token");
        int clients = Integer.parseInt(o.getOrDefault("clients", "1"));
        int size = Integer.parseInt(o.getOrDefault("size", "51200"));
        String prefix = BenchOptions.required(TOOL, o, "prefix");
        Duration limit = Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "10")));
        WharfUpload wharf = new WharfUpload(base, token);
        NpmUpload npm = new NpmUpload(base, token);
        Latencies.Summary s = new PublishRun().run(clients, 1_000_000, limit, i -> {
            String name = "bench:pub-" + prefix + "-" + i;
            Release r = new Release(name, "pub-" + prefix + "-" + i, "1.0.0", "Publish cell " + prefix + " package " + i,
                    WasmModule.padded(name, size));
            return List.of(switch (target) {
                case "wharf" -> wharf.request(r);
                case "verdaccio" -> npm.request(r);
                default -> throw new IllegalArgumentException("--target wharf or verdaccio, not " + target);
            });
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("target", target);
        extra.put("clients", clients);
        extra.put("bytes", size);
        extra.put("ok", s.failures() == 0 && s.statuses().keySet().stream().allMatch(code -> code / 100 == 2));
        return s.json("publish", extra);
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
