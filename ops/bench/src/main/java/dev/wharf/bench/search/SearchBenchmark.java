package dev.wharf.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.kafka.EventLog;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.events.LogPosition;
import dev.wharf.registry.SearchQuery;
import dev.wharf.replica.SearchReplica;
import dev.wharf.node.WharfApplication;
import dev.wharf.node.WharfConfiguration;
import dev.wharf.testing.RunningRegistry;
import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.CompletableFuture;

/**
 * Search benchmark: loads a synthetic registry (100k packages x 3 versions by default) into a
 * real search replica and into SQLite tables shaped like the reference registry's, then runs
 * two workloads against both, single- and multi-threaded, and prints requests/s, p50 and p99
 * and the ratio: a fixed mix of distinct queries with the replica's page cache off (every
 * query computed), and a stream in which queries repeat as in search logs, with the page cache on. With {@code --http} (the default) it also starts a standalone node on
 * loopback, fills its log with the same events through {@link EventLog}, waits for the node's
 * replica to catch up, and measures {@code GET /api/v1/search} end to end.
 *
 * <p>Usage: {@code ops/bench-search [--packages=100000] [--seconds=15] [--threads=2] [--http=true] [--wait-minutes=10]
 * [--reference=true] [--stream=true]}; {@code --reference=false --stream=false --http=false} measures the replica alone on [mix].
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int packages = Integer.parseInt(options.getOrDefault("packages", "100000"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
        int threads = Integer.parseInt(options.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        boolean http = Boolean.parseBoolean(options.getOrDefault("http", "true"));
        long maxQueries = Long.parseLong(options.getOrDefault("max-queries", "2000000"));
        long waitMinutes = Long.parseLong(options.getOrDefault("wait-minutes", "10"));
        // For a quick look at the replica alone (profiling a change): no SQLite, no stream.
        boolean reference = Boolean.parseBoolean(options.getOrDefault("reference", "true"));
        boolean streams = Boolean.parseBoolean(options.getOrDefault("stream", "true"));
        Path work = Files.createTempDirectory("wharf-bench-search-");
        try {
            run(packages, seconds, threads, http, reference, streams, maxQueries, waitMinutes, work);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /** Zipf exponent of the repeating stream: 1.0 is the classic fit for search logs. */
    static final double REPEAT_EXPONENT = 1.0;

    /** Download counts from three nodes, each flushing every 5 s. */
    static final Duration CHURN_PERIOD = Duration.ofMillis(1700);

    static void run(int packageCount, double seconds, int threads, boolean http, boolean withReference, boolean streams,
                    long maxQueries, long waitMinutes, Path work)
            throws Exception {
        say("machine: %d cores, load average %.2f; JVM max heap %d MB", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        SyntheticCatalog catalog = new SyntheticCatalog(packageCount, 20240501L);
        List<SyntheticCatalog.Package> packages = catalog.packages();
        List<QueryMix.Query> mix = QueryMix.build(packages, catalog.namespaces(), 2000, 99L);
        // As many distinct queries as packages, asked with Zipf's law: what a node sees from people and API consumers.
        List<QueryMix.Query> pool = QueryMix.distinct(packages, catalog.namespaces(), packageCount, 7L);
        List<QueryMix.Query> stream = QueryMix.repeating(pool, 500_000, REPEAT_EXPONENT, 11L);
        say("catalog: %d packages x %d versions in %d namespaces", packages.size(), SyntheticCatalog.VERSIONS.length,
                catalog.namespaces().length);
        say("workloads: [mix] %d distinct queries, every one computed (page cache off); [stream] %d queries drawn with Zipf's law "
                + "(exponent %.1f) from %d distinct ones (%d distinct in the stream), page cache on; [stream+downloads] the same "
                + "while download counts are applied every %d ms", mix.size(), stream.size(),
                REPEAT_EXPONENT, pool.size(), stream.stream().distinct().count(), CHURN_PERIOD.toMillis());

        long t0 = System.nanoTime();
        Path index = work.resolve("replica");
        long events;
        // Closing waits for the merges the load started, so they do not run inside the measurements.
        try (SearchReplica loading = new SearchReplica(index, 0, SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY)) {
            events = load(loading, packages);
        }
        say("in-process replica: %d events applied and merged in %.1f s", events, (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        ReferenceLikeSearch reference = new ReferenceLikeSearch(work.resolve("reference.sqlite"));
        if (withReference) {
            reference.load(packages);
            say("reference SQLite: loaded in %.1f s", (System.nanoTime() - t0) / 1e9);
        }

        List<LoadRun.Result> results = new ArrayList<>();
        int[] threadCounts = threads > 1 ? new int[] {1, threads} : new int[] {1};
        try (SearchReplica computed = new SearchReplica(index, 0, SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY)) {
            say("replica: %d packages in %d segments", computed.packageCount(), computed.segmentCount());
            showSamples(computed, mix);
            say("warming up...");
            LoadRun.run(replica("[mix]", computed), mix, 1, 20_000, Math.min(10, seconds));
            if (withReference) {
                LoadRun.run(like("[mix]", reference), mix, 1, 200, Math.min(5, seconds));
                LoadRun.run(pagedLike("[mix]", reference), mix, 1, 200, Math.min(5, seconds));
            }
            for (int t : threadCounts) {
                results.add(report(LoadRun.run(replica("[mix]", computed), mix, t, maxQueries, seconds)));
                if (!withReference) continue;
                results.add(report(LoadRun.run(like("[mix]", reference), mix, t, maxQueries, seconds)));
                results.add(report(LoadRun.run(pagedLike("[mix]", reference), mix, t, maxQueries, seconds)));
            }
        }
        if (streams) {
            try (SearchReplica cached = new SearchReplica(index)) {
                // A node that has been serving for a while: its cache holds what was asked recently.
                LoadRun.run(replica("[stream]", cached), stream, 1, 100_000, Math.min(10, seconds));
                var before = cached.pageCacheStats();
                for (int t : threadCounts) {
                    results.add(report(LoadRun.run(replica("[stream]", cached), stream, t, maxQueries, seconds)));
                    if (withReference) results.add(report(LoadRun.run(like("[stream]", reference), stream, t, maxQueries, seconds)));
                }
                say("[stream] page cache hit rate during the measured runs: %.1f%%", 100 * cached.pageCacheStats().minus(before).hitRate());

                // The same stream while download counts arrive as on a node of a three-node cluster
                // (every node flushes its counts every 5 s). The replica takes them into its
                // searcher at most every SEARCH_DOWNLOAD_COUNTS_DELAY, and each time the page
                // cache starts over.
                var churnBefore = cached.pageCacheStats();
                int churned;
                try (DownloadChurn churn = new DownloadChurn(cached, packages, CHURN_PERIOD, events)) {
                    for (int t : threadCounts) {
                        results.add(report(LoadRun.run(replica("[stream+downloads]", cached), stream, t, maxQueries, seconds)));
                    }
                    churned = churn.batches();
                }
                say("[stream+downloads] %d download batches applied (one per %d ms); page cache hit rate: %.1f%%", churned,
                        CHURN_PERIOD.toMillis(), 100 * cached.pageCacheStats().minus(churnBefore).hitRate());
            }
        }

        if (http) results.addAll(overHttp(packages, mix, stream, threads, maxQueries, seconds, work.resolve("node"), waitMinutes));

        say("");
        say("==== results: %d packages x %d versions, load average now %.2f ====", packageCount, SyntheticCatalog.VERSIONS.length,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (LoadRun.Result r : results) say("%s", r.line());
        for (LoadRun.Result r : results) {
            if (r.method().startsWith("reference")) continue;
            // Runs with download churn are compared with the reference on the same queries.
            String workload = r.method().substring(r.method().lastIndexOf('[')).replace("+downloads", "");
            results.stream().filter(o -> o.method().startsWith("reference") && o.method().endsWith(workload) && o.threads() == r.threads())
                    .forEach(ref -> say("ratio %-36s / %-34s threads=%d: %6.1fx throughput, %6.1fx less CPU per query, p99 %.3f ms vs %.3f ms",
                            r.method(), ref.method(), r.threads(), r.perSecond() / ref.perSecond(), ref.cpuMsPerQuery() / r.cpuMsPerQuery(),
                            r.p99Ms(), ref.p99Ms()));
        }
    }

    static long load(SearchReplica replica, List<SyntheticCatalog.Package> packages) {
        List<LoggedEvent> batch = new ArrayList<>();
        long[] offset = {0};
        SyntheticCatalog.events(packages, event -> {
            batch.add(new LoggedEvent(0, offset[0]++, event, null));
            if (batch.size() == 5000) {
                applyQuietly(replica, batch);
                batch.clear();
            }
        });
        applyQuietly(replica, batch);
        return offset[0];
    }

    static LoadRun.Method replica(String workload, SearchReplica replica) {
        return new LoadRun.Method() {
            public String name() {
                return "wharf replica (in-process) " + workload;
            }

            public LoadRun.Worker worker() {
                return q -> replica.search(new SearchQuery(q.text(), 20, 0, SearchQuery.Sort.RELEVANCE)).total();
            }
        };
    }

    static LoadRun.Method like(String workload, ReferenceLikeSearch reference) {
        return reference("reference: Run's LIKE " + workload, () -> reference.new Searcher());
    }

    static LoadRun.Method pagedLike(String workload, ReferenceLikeSearch reference) {
        return reference("reference: LIKE page+COUNT " + workload, () -> reference.new PagedSearcher());
    }

    /** A reference method; every load thread opens its own searcher (its own SQLite connection). */
    static LoadRun.Method reference(String name, java.util.concurrent.Callable<ReferenceLikeSearch.Search> open) {
        return new LoadRun.Method() {
            public String name() {
                return name;
            }

            public LoadRun.Worker worker() throws Exception {
                ReferenceLikeSearch.Search searcher = open.call();
                return new LoadRun.Worker() {
                    public long answer(QueryMix.Query q) throws Exception {
                        return searcher.search(q.referenceText(), 20);
                    }

                    public void close() throws Exception {
                        searcher.close();
                    }
                };
            }
        };
    }

    /**
     * The same catalog through a standalone node's log and its HTTP API on loopback: first with
     * the page cache off on the mix, then, restarted on the same data with the cache as shipped,
     * on the repeating stream.
     */
    static List<LoadRun.Result> overHttp(List<SyntheticCatalog.Package> packages, List<QueryMix.Query> mix, List<QueryMix.Query> stream,
                                         int threads, long maxQueries, double seconds, Path dataDir, long waitMinutes) throws Exception {
        List<LoadRun.Result> results = new ArrayList<>();
        // The standalone config as shipped, except the metadata indexer: search never reads it,
        // and projecting 300k events into SQLite would only compete with the replica for the CPU.
        Path config = RunningRegistry.writeConfig(dataDir, Map.of("SEARCH_CACHE_HITS", "0"));
        Files.writeString(config, Files.readString(config).replace("embeddedIndexer: true", "embeddedIndexer: false"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int[] threadCounts = threads > 1 ? new int[] {1, threads, threads * 2} : new int[] {1};
        DropwizardTestSupport<WharfConfiguration> node = new DropwizardTestSupport<>(WharfApplication.class, config.toString());
        node.before();
        try {
            URI url = URI.create("http://127.0.0.1:" + node.getLocalPort());
            fill(((WharfApplication) node.getApplication()).logSettings(), packages, client, url, waitMinutes);
            LoadRun.run(api("[mix]", client, url), mix, 1, 20_000, Math.min(10, seconds));
            for (int t : threadCounts) results.add(report(LoadRun.run(api("[mix]", client, url), mix, t, maxQueries, seconds)));
        } finally {
            node.after();
        }
        Files.writeString(config, Files.readString(config).replace("searchCacheHits: 0", "searchCacheHits: " + SearchReplica.DEFAULT_CACHED_HITS));
        node = new DropwizardTestSupport<>(WharfApplication.class, config.toString());
        node.before();
        try {
            URI url = URI.create("http://127.0.0.1:" + node.getLocalPort());
            LoadRun.run(api("[stream]", client, url), stream, 1, 100_000, Math.min(10, seconds));
            for (int t : threadCounts) results.add(report(LoadRun.run(api("[stream]", client, url), stream, t, maxQueries, seconds)));
        } finally {
            node.after();
        }
        return results;
    }

    static LoadRun.Method api(String workload, HttpClient client, URI url) {
        return new LoadRun.Method() {
            public String name() {
                return "wharf GET /api/v1/search " + workload;
            }

            public LoadRun.Worker worker() {
                return q -> get(client, url, "/api/v1/search?limit=20&q=" + encode(q.text())).length();
            }
        };
    }

    /** Appends the catalog's events to the node's log and waits until its replica has applied them. */
    static void fill(dev.wharf.kafka.KafkaSettings log, List<SyntheticCatalog.Package> packages, HttpClient client, URI url, long waitMinutes)
            throws Exception {
        long t0 = System.nanoTime();
        try (EventLog appender = new EventLog(log, Duration.ofSeconds(120))) {
            List<CompletableFuture<LogPosition>> pending = new ArrayList<>();
            SyntheticCatalog.events(packages, event -> {
                pending.add(appender.append(event));
                if (pending.size() == 20_000) {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
                    pending.clear();
                }
            });
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
        say("node: log filled in %.1f s; waiting for its search replica...", (System.nanoTime() - t0) / 1e9);
        ObjectMapper json = new ObjectMapper();
        // The last download counts appended, spread over the partitions, are the last events the replica applies.
        List<SyntheticCatalog.Package> downloaded = packages.stream().filter(p -> p.downloads() > 0).toList();
        List<SyntheticCatalog.Package> lastOnes = downloaded.subList(Math.max(0, downloaded.size() - 24), downloaded.size());
        long deadline = System.nanoTime() + Duration.ofMinutes(waitMinutes).toNanos();
        while (true) {
            JsonNode all = json.readTree(get(client, url, "/api/v1/search?limit=1&q="));
            boolean caughtUp = all.get("total").asLong() == packages.size();
            for (int i = 0; caughtUp && i < lastOnes.size(); i++) {
                SyntheticCatalog.Package p = lastOnes.get(i);
                JsonNode hit = json.readTree(get(client, url, "/api/v1/search?limit=1&q=" + encode(p.name()))).get("packages");
                caughtUp = hit.size() == 1 && hit.get(0).get("name").asText().equals(p.name())
                        && hit.get(0).get("downloads").asLong() == p.downloads();
            }
            if (caughtUp) break;
            if (System.nanoTime() > deadline) throw new IllegalStateException("node's replica did not catch up: " + all.get("total"));
            Thread.sleep(1000);
        }
        say("node: replica caught up %.1f s after the first append", (System.nanoTime() - t0) / 1e9);
    }

    static String get(HttpClient client, URI base, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    /** One query of each kind with its top hits, then the CPU time each kind costs this thread. */
    static void showSamples(SearchReplica replica, List<QueryMix.Query> queries) throws Exception {
        Map<String, List<QueryMix.Query>> byKind = new LinkedHashMap<>();
        for (QueryMix.Query q : queries) byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q);
        for (List<QueryMix.Query> kind : byKind.values()) {
            QueryMix.Query q = kind.getFirst();
            var page = replica.search(new SearchQuery(q.text(), 3, 0, SearchQuery.Sort.RELEVANCE));
            say("  sample %-13s %-40s total %6d top %s", q.kind(), "'" + q.text() + "'", page.total(),
                    page.hits().stream().map(h -> h.latest().name()).toList());
        }
        var threadCpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "  cpu per query kind (cold):" : "  cpu per query kind (warm):");
            for (var e : byKind.entrySet()) {
                long c0 = threadCpu.getCurrentThreadCpuTime();
                int n = 0;
                for (QueryMix.Query q : e.getValue()) {
                    replica.search(new SearchQuery(q.text(), 20, 0, SearchQuery.Sort.RELEVANCE));
                    n++;
                }
                line.append(String.format(" %s %.3f ms", e.getKey(), (threadCpu.getCurrentThreadCpuTime() - c0) / 1e6 / n));
            }
            say("%s", line);
        }
    }

    static void applyQuietly(SearchReplica replica, List<LoggedEvent> batch) {
        try {
            replica.apply(batch);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static LoadRun.Result report(LoadRun.Result r) {
        say("%s", r.line());
        return r;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) throw new IllegalArgumentException("options are --name=value, got " + a);
            out.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return out;
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
