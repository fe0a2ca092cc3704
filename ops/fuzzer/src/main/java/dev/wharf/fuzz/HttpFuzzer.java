package dev.wharf.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sends hostile requests to a registry on loopback and fails on what issue 14 forbids: any
 * 5xx (but a 505 for a well-formed HTTP version we do not speak), a connection that ends before
 * an answer, an answer slower than 10 s, an error that is not the JSON
 * {@code {"error","message"}}, and a state change nobody asked for (spool files left, blobs no
 * version references, packages that were not accepted publishes). Deterministic: request
 * {@code i} of a seed is always the same bytes.
 *
 * <pre>HttpFuzzer --url http://127.0.0.1:8080 --token T [--count 30000] [--seed 1] [--max-seconds 600]
 *            [--workers 4] [--component c.wasm] [--data-dir DATA_DIR[,DATA_DIR...]] [--blob-dir DIR] [--only i]</pre>
 *
 * <p>State is checked as far as the fuzzer can see it. Packages listed are read over HTTP, so
 * that check works through a load balancer too. Spool files need each node's DATA_DIR (a
 * cluster: every node's, comma-separated). Blobs need the directory that holds them: a
 * standalone node's DATA_DIR/blobs, or for a cluster whose blob store is S3 a directory view of
 * the bucket's {@code blobs/} keys ({@code --blob-dir}; S3Proxy's filesystem backend keeps them
 * as files under {@code BASEDIR/BUCKET/blobs}). What it cannot see, the report names as not checked.
 */
public final class HttpFuzzer {

    public record Options(URI url, String token, long count, long seed, Duration maxTime, int workers,
                          Path component, List<Path> dataDirs, Path blobDir, long only) {

        /** One standalone node: its DATA_DIR holds the spool and the blobs. */
        public Options(URI url, String token, long count, long seed, Duration maxTime, int workers, Path component, Path dataDir,
                       long only) {
            this(url, token, count, seed, maxTime, workers, component, dataDir == null ? List.of() : List.of(dataDir), null, only);
        }

        public Options {
            dataDirs = dataDirs == null ? List.of() : List.copyOf(dataDirs);
            InetAddress host;
            try {
                host = InetAddress.getByName(url.getHost());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot resolve " + url.getHost());
            }
            if (!host.isLoopbackAddress()) throw new IllegalArgumentException("the fuzzer only sends to loopback, not " + url);
        }
    }

    /** What a run saw; {@link #clean()} when nothing issue 14 forbids happened. */
    public record Report(long sent, Map<Integer, Long> statuses, long fiveXx, long resets, long slow, long notJson,
                         long accepted, List<String> failures, List<String> stateProblems, Duration took, long slowestMillis,
                         Map<String, String> kinds, List<String> notChecked) {
        public boolean clean() {
            return failures.isEmpty() && stateProblems.isEmpty();
        }

        public String summary() {
            return "sent=" + sent + " took=" + took.toSeconds() + "s rate=" + (took.toMillis() == 0 ? 0 : sent * 1000 / took.toMillis())
                    + "/s 5xx=" + fiveXx + " resets=" + resets + " slow(>10s)=" + slow + " non-json-errors=" + notJson
                    + " accepted-publishes=" + accepted + " slowest=" + slowestMillis + "ms state-problems=" + stateProblems.size()
                    + " statuses=" + statuses + " per-kind(count/mean ms/max ms)=" + kinds
                    + (notChecked.isEmpty() ? "" : " not-checked=" + notChecked);
        }
    }

    static final int ANSWER_WITHIN_MILLIS = 10_000;
    /**
     * A publish the node accepts may wait for the log (APPEND_TIMEOUT, 15 s) and then for its own
     * indexer (PUBLISH_ACK_TIMEOUT, 10 s) before it answers 201 or 202: that is its design, not a hang.
     */
    static final int PUBLISH_ANSWER_WITHIN_MILLIS = 25_000;
    /** Failures kept per kind of request and {@link #category}, so one frequent finding does not hide the others. */
    private static final int MAX_FAILURES_KEPT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpFuzzer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        if (!o.containsKey("url")) {
            System.err.println("usage: HttpFuzzer --url http://127.0.0.1:PORT --token T [--count N] [--seed S] [--max-seconds S]"
                    + " [--workers W] [--component FILE] [--data-dir DIR[,DIR...]] [--blob-dir DIR] [--only INDEX]");
            System.exit(2);
        }
        Options options = new Options(URI.create(o.get("url")), o.getOrDefault("token", ""),
                Long.parseLong(o.getOrDefault("count", "5000")), Long.parseLong(o.getOrDefault("seed", "1")),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("max-seconds", "600"))),
                Integer.parseInt(o.getOrDefault("workers", "4")),
                o.containsKey("component") ? Path.of(o.get("component")) : null,
                o.containsKey("data-dir") ? java.util.Arrays.stream(o.get("data-dir").split(",")).map(Path::of).toList() : List.of(),
                o.containsKey("blob-dir") ? Path.of(o.get("blob-dir")) : null,
                Long.parseLong(o.getOrDefault("only", "-1")));
        if (options.only() >= 0) {
            HostileRequest one = HostileRequests.next(options.seed(), options.only(),
                    new HostileRequests.Target(options.url().getHost() + ":" + options.url().getPort(), options.token(),
                            "fuzz:base-" + Long.toHexString(options.seed()), List.of("1.0.0", "1.0.1"), new byte[8]));
            System.out.println("request #" + options.only() + " (" + one.kind() + "), as Java string: \"" + escaped(one.bytes()) + "\"");
        }
        Report report = run(options, System.out::println);
        System.out.println("fuzz: " + report.summary());
        report.failures().forEach(f -> System.out.println("FAIL " + f));
        report.stateProblems().forEach(f -> System.out.println("STATE " + f));
        System.exit(report.clean() ? 0 : 1);
    }

    public static Report run(Options o, java.util.function.Consumer<String> progress) throws Exception {
        String host = o.url().getHost();
        int port = o.url().getPort();
        String hostHeader = host + ":" + port;
        byte[] component = o.component() == null ? minimalComponent() : Files.readAllBytes(o.component());
        Set<String> before = listed(host, port);
        String base = "fuzz:base-" + Long.toHexString(o.seed());
        List<String> versions = List.of("1.0.0", "1.0.1");
        Set<String> asked = ConcurrentHashMap.newKeySet();
        for (String v : versions) {
            asked.add(base + "@" + v);
            publishValid(host, port, hostHeader, o.token(), base, v, component);
        }
        HostileRequests.Target target = new HostileRequests.Target(hostHeader, o.token(), base, versions, component);

        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Map<String, long[]> kinds = new ConcurrentHashMap<>();
        Map<String, AtomicLong> kept = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong(), fiveXx = new AtomicLong(), resets = new AtomicLong(), slow = new AtomicLong(),
                notJson = new AtomicLong(), accepted = new AtomicLong(), slowest = new AtomicLong(), next = new AtomicLong(),
                lostRaces = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + o.maxTime().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.max(1, o.workers()); w++) {
            workers.add(Thread.ofPlatform().name("fuzz-" + w).start(() -> {
                while (System.nanoTime() < deadline) {
                    long i = o.only() >= 0 ? (next.getAndIncrement() == 0 ? o.only() : -1) : next.getAndIncrement();
                    if (i < 0 || (o.only() < 0 && i >= o.count())) return;
                    HostileRequest request = HostileRequests.next(o.seed(), i, target);
                    RawExchange.Answer answer = RawExchange.send(host, port, request.bytes(), request.head(), PUBLISH_ANSWER_WITHIN_MILLIS + 2_000);
                    sent.incrementAndGet();
                    slowest.accumulateAndGet(answer.nanos() / 1_000_000, Math::max);
                    long[] k = kinds.computeIfAbsent(request.kind(), x -> new long[3]);
                    synchronized (k) {
                        k[0]++;
                        k[1] += answer.nanos() / 1_000_000;
                        k[2] = Math.max(k[2], answer.nanos() / 1_000_000);
                    }
                    String problem = judge(request, answer);
                    if (answer.answered()) statuses.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
                    if (answer.answered() && answer.status() >= 500 && !(answer.status() == 505 && request.wellFormedOtherVersion())) {
                        fiveXx.incrementAndGet();
                    }
                    if (!answer.answered()) {
                        if (answer.failure().startsWith("no answer")) slow.incrementAndGet(); else resets.incrementAndGet();
                    } else if (answer.nanos() > boundMillis(request, answer) * 1_000_000L) {
                        slow.incrementAndGet();
                        problem = problem == null ? "answered after " + answer.nanos() / 1_000_000 + " ms" : problem;
                    }
                    if (problem != null && problem.startsWith("error body")) notJson.incrementAndGet();
                    if (request.publishes() != null) {
                        asked.add(normalized(request.publishes()));
                        if (answer.status() == 201 || answer.status() == 202) accepted.incrementAndGet();
                        if (answer.status() == 409) lostRaces.incrementAndGet();
                    }
                    if (problem != null && kept.computeIfAbsent(request.kind() + " " + category(problem), x -> new AtomicLong())
                            .incrementAndGet() <= MAX_FAILURES_KEPT) {
                        failures.add("#" + i + " [" + request.kind() + "] " + request.summary() + " -> "
                                + (answer.answered() ? answer.status() + " " + RawExchange.clip(answer.bodyText()) : answer.failure())
                                + ": " + problem);
                    }
                    long n = sent.get();
                    if (n % 5000 == 0) progress.accept("fuzz: " + n + " sent, " + fiveXx.get() + " 5xx, " + failures.size() + " failures");
                }
            }));
        }
        for (Thread t : workers) t.join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> notChecked = new ArrayList<>();
        List<String> state = stateProblems(o, host, port, before, asked, lostRaces.get(), notChecked);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        Map<String, String> perKind = new TreeMap<>();
        kinds.forEach((kind, k) -> perKind.put(kind, k[0] + "/" + (k[1] / Math.max(1, k[0])) + "/" + k[2]));
        return new Report(sent.get(), counts, fiveXx.get(), resets.get(), slow.get(), notJson.get(), accepted.get(),
                List.copyOf(failures), state, took, slowest.get(), perKind, List.copyOf(notChecked));
    }

    /** What sort of problem, so a frequent one (say, non-JSON errors) does not hide a rare one of the same kind of request. */
    static String category(String problem) {
        if (problem.startsWith("error body")) return "not-json";
        if (problem.startsWith("a 5xx")) return "5xx";
        if (problem.startsWith("answered after")) return "slow";
        return "no-answer";
    }

    static long boundMillis(HostileRequest request, RawExchange.Answer answer) {
        boolean accepted = request.publishes() != null && (answer.status() == 201 || answer.status() == 202);
        return accepted ? PUBLISH_ANSWER_WITHIN_MILLIS : ANSWER_WITHIN_MILLIS;
    }

    /** Why this answer breaks the rules, or null. */
    static String judge(HostileRequest request, RawExchange.Answer answer) {
        if (!answer.answered()) return answer.failure();
        int status = answer.status();
        if (status >= 500 && !(status == 505 && request.wellFormedOtherVersion())) return "a 5xx";
        if ((status >= 400 || status == RawExchange.SIMPLE_RESPONSE) && !request.head()) {
            try {
                JsonNode body = JSON.readTree(answer.body());
                if (body == null || !body.isObject() || !body.path("error").isTextual() || !body.path("message").isTextual()) {
                    return "error body is not {\"error\",\"message\"} JSON";
                }
            } catch (IOException e) {
                return "error body is not JSON";
            }
        }
        return null;
    }

    private static String normalized(String nameAtVersion) {
        return nameAtVersion.strip().toLowerCase(Locale.ROOT);
    }

    private static void publishValid(String host, int port, String hostHeader, String token, String name, String version, byte[] wasm) {
        String boundary = "fuzzbase";
        byte[] body = HostileRequest.multipart(boundary, List.of(Map.entry("name", name), Map.entry("version", version),
                Map.entry("description", "published by the HTTP fuzzer")), "component", wasm, "application/wasm");
        HostileRequest req = new HostileRequest.Builder("setup", hostHeader).method("POST").target("/api/v1/packages")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + token)
                .body(body).build();
        RawExchange.Answer a = RawExchange.send(host, port, req.bytes(), false, 30_000);
        if (!a.answered() || (a.status() != 201 && a.status() != 202 && a.status() != 409)) {
            throw new IllegalStateException("could not publish the fuzzer's base package " + name + "@" + version + ": "
                    + (a.answered() ? a.status() + " " + a.bodyText() : a.failure()));
        }
    }

    /** Every name@version the registry lists, lower-cased. */
    static Set<String> listed(String host, int port) throws IOException {
        Set<String> all = new HashSet<>();
        for (JsonNode name : get(host, port, "/packages").path("packages")) {
            String n = name.isTextual() ? name.asText() : name.path("name").asText();
            for (JsonNode v : get(host, port, "/api/v1/packages/" + enc(n) + "/versions").path("versions")) {
                String version = v.isTextual() ? v.asText() : v.path("version").asText();
                all.add(normalized(n + "@" + version));
            }
        }
        return all;
    }

    private static Set<String> referencedBlobs(String host, int port) throws IOException {
        Set<String> shas = new HashSet<>();
        for (JsonNode name : get(host, port, "/packages").path("packages")) {
            String n = name.isTextual() ? name.asText() : name.path("name").asText();
            for (JsonNode v : get(host, port, "/api/v1/packages/" + enc(n) + "/versions").path("versions")) {
                String version = v.isTextual() ? v.asText() : v.path("version").asText();
                shas.add(get(host, port, "/api/v1/packages/" + enc(n) + "/" + enc(version)).path("sha256").asText());
            }
        }
        return shas;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode get(String host, int port, String path) throws IOException {
        HostileRequest req = new HostileRequest.Builder("check", host + ":" + port).target(path).build();
        RawExchange.Answer a = RawExchange.send(host, port, req.bytes(), false, 30_000);
        if (!a.answered() || a.status() != 200) throw new IOException("GET " + path + " -> " + (a.answered() ? a.status() : a.failure()));
        return JSON.readTree(a.body());
    }

    private static List<String> stateProblems(Options o, String host, int port, Set<String> before, Set<String> asked,
                                              long conflicts, List<String> notChecked) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> now = listed(host, port);
        for (String p : now) {
            if (!before.contains(p) && !asked.contains(p)) problems.add("listed but never asked for: " + p);
        }
        if (o.dataDirs().isEmpty()) notChecked.add("spool files (no --data-dir)");
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Path dataDir : o.dataDirs()) {
            Path spool = dataDir.resolve("spool");
            List<Path> left = files(spool);
            while (!left.isEmpty() && System.nanoTime() < until) {
                // A publish still answering deletes its file within its ack timeout.
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                left = files(spool);
            }
            for (Path f : left) problems.add("spool file left: " + dataDir.getFileName() + "/spool/" + f.getFileName());
        }
        Path blobs = o.blobDir() != null ? o.blobDir()
                : o.dataDirs().size() == 1 && Files.isDirectory(o.dataDirs().getFirst().resolve("blobs"))
                ? o.dataDirs().getFirst().resolve("blobs") : null;
        if (blobs == null) {
            notChecked.add("blobs (no blob directory: give --blob-dir, or one --data-dir with a file blob store)");
            return problems;
        }
        if (!Files.isDirectory(blobs)) {
            problems.add("blob directory " + blobs + " does not exist");
            return problems;
        }
        Set<String> referenced = referencedBlobs(host, port);
        List<String> orphans = new ArrayList<>();
        for (Path f : files(blobs)) {
            String rel = blobs.relativize(f).toString();
            if (rel.startsWith("incoming")) problems.add("half-written blob left: " + rel);
            else if (!referenced.contains(f.getFileName().toString())) orphans.add("blob no version references: " + rel);
        }
        // A publish stores its bytes before the log decides, so one that loses a race for its
        // version (409 after the store) leaves its blob for blob GC, which takes it once it is
        // older than BLOB_GC_MIN_AGE: it cannot be removed at once, another publish of the same
        // bytes may still be in flight. More orphans than lost publishes is a leak.
        if (orphans.size() > conflicts) problems.addAll(orphans);
        return problems;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    /** The smallest component the inspector accepts: the preamble of a component binary and nothing else. */
    private static byte[] minimalComponent() {
        return new byte[]{0, 'a', 's', 'm', 0x0d, 0, 0x01, 0};
    }

    private static String escaped(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\\' || c == '"') s.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) s.append((char) c);
            else s.append(String.format("\\u%04x", c));
            if (s.length() > 4000) return s.append("…").toString();
        }
        return s.toString();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
