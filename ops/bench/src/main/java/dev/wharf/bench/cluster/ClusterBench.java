package dev.wharf.bench.cluster;

import dev.wharf.bench.BenchOptions;
import dev.wharf.bench.standalone.Catalogue;
import dev.wharf.bench.standalone.PublishLoad;
import dev.wharf.bench.standalone.StandaloneBench;
import dev.wharf.bench.standalone.SyntheticComponent;
import dev.wharf.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster-only measurements behind {@code ops/bench-cluster} (publish and read load through
 * the load balancer reuse {@link StandaloneBench}). Each command prints one JSON line.
 *
 * <pre>
 * ClusterBench append   --bootstrap B --prefix P --count PACKAGES --versions V
 * ClusterBench catch-up --url NODE --started-ms EPOCH_MS --expect PACKAGES --max-seconds S
 * ClusterBench outage   --url LB --token T --prefix P --process NAME --cluster "ops/local-cluster"
 *                       [--before S --down S --settle S --max-seconds S --publishers N --pause-ms MS --size BYTES]
 * </pre>
 */
public final class ClusterBench {

    private static final String TOOL = "ClusterBench";

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) BenchOptions.usage(TOOL, "a command: append, catch-up or outage");
        Map<String, String> o = BenchOptions.parse(TOOL, args);
        Map<String, Object> out = new LinkedHashMap<>();
        switch (args[0]) {
            case "append" -> {
                Catalogue catalogue = new Catalogue(BenchOptions.required(TOOL, o, "prefix"), Integer.parseInt(BenchOptions.required(TOOL, o, "count")));
                int versions = Integer.parseInt(o.getOrDefault("versions", "1"));
                double seconds = new EventBackfill(BenchOptions.required(TOOL, o, "bootstrap")).append(catalogue, versions);
                long events = (long) catalogue.size() * versions;
                out.put("label", "append");
                out.put("packages", catalogue.size());
                out.put("events", events);
                out.put("seconds", Math.round(seconds * 100) / 100.0);
                out.put("per_second", Math.round(events / seconds));
            }
            case "catch-up" -> {
                CatchUp.Result r = new CatchUp(URI.create(BenchOptions.required(TOOL, o, "url"))).await(
                        Long.parseLong(BenchOptions.required(TOOL, o, "started-ms")), Long.parseLong(BenchOptions.required(TOOL, o, "expect")),
                        Duration.ofSeconds(Long.parseLong(o.getOrDefault("max-seconds", "600"))));
                out.put("label", "catch-up");
                out.put("expected", Long.parseLong(o.get("expect")));
                out.put("health_ms", r.healthMs());
                out.put("search_ms", r.searchMs());
                out.put("total", r.lastTotal());
            }
            case "outage" -> {
                SyntheticComponent component = new SyntheticComponent(
                        Files.readAllBytes(Fixtures.component(StandaloneBench.BASE_COMPONENT)));
                // A catalogue larger than any drill publishes: every publish is a new package.
                Catalogue catalogue = new Catalogue(BenchOptions.required(TOOL, o, "prefix"), 1_000_000);
                PublishLoad load = new PublishLoad(URI.create(BenchOptions.required(TOOL, o, "url")), BenchOptions.required(TOOL, o, "token"), catalogue,
                        component, Integer.parseInt(o.getOrDefault("size", "0")));
                OutageDrill.Plan plan = new OutageDrill.Plan(BenchOptions.required(TOOL, o, "process"),
                        Arrays.asList(BenchOptions.required(TOOL, o, "cluster").split(" ")),
                        seconds(o, "before", 5), seconds(o, "down", 3), seconds(o, "settle", 5),
                        seconds(o, "max-seconds", 180), Integer.parseInt(o.getOrDefault("publishers", "2")),
                        Duration.ofMillis(Long.parseLong(o.getOrDefault("pause-ms", "100"))));
                System.out.println(new OutageDrill(load, plan).run());
                return;
            }
            default -> BenchOptions.usage(TOOL, "append, catch-up or outage, not " + args[0]);
        }
        System.out.println(OutageDrill.json(out));
    }

    private static Duration seconds(Map<String, String> o, String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(o.getOrDefault(name, Long.toString(fallback))));
    }
}
