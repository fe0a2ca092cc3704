package dev.wharf.bench.standalone;

import dev.wharf.bench.BenchOptions;
import dev.wharf.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator behind {@code ops/bench-standalone}: publishes synthetic components or
 * reads a running standalone node over loopback and prints one JSON line of figures.
 *
 * <pre>
 * StandaloneBench publish --url U --token T --prefix P --count N --publishers C --size BYTES --max-seconds S
 * StandaloneBench read    --url U --prefix P --count N --kind meta|versions|search --threads T --warmup S --seconds S
 * </pre>
 */
public final class StandaloneBench {

    private static final String TOOL = "StandaloneBench";

    /** The real component every synthetic one is made from. */
    public static final String BASE_COMPONENT = "component/example-calculator-1.0.0.wasm";

    private StandaloneBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) BenchOptions.usage(TOOL, "a command: publish or read");
        Map<String, String> options = BenchOptions.parse(TOOL, args);
        URI base = URI.create(BenchOptions.required(TOOL, options, "url"));
        Catalogue catalogue = new Catalogue(BenchOptions.required(TOOL, options, "prefix"), Integer.parseInt(BenchOptions.required(TOOL, options, "count")));
        Map<String, Object> extra = new LinkedHashMap<>();
        String line = switch (args[0]) {
            case "publish" -> {
                int publishers = Integer.parseInt(options.getOrDefault("publishers", "1"));
                int size = Integer.parseInt(options.getOrDefault("size", "0"));
                Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("max-seconds", "1800")));
                SyntheticComponent component = new SyntheticComponent(Files.readAllBytes(Fixtures.component(BASE_COMPONENT)));
                extra.put("publishers", publishers);
                extra.put("bytes", component.unique(catalogue.name(0), size).length);
                Latencies.Summary s = new PublishLoad(base, BenchOptions.required(TOOL, options, "token"), catalogue, component, size)
                        .run(publishers, limit);
                yield s.json("publish", extra);
            }
            case "read" -> {
                ReadLoad.Kind kind = ReadLoad.Kind.valueOf(BenchOptions.required(TOOL, options, "kind").toUpperCase());
                int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
                Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "3")));
                Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
                extra.put("threads", threads);
                Latencies.Summary s = new ReadLoad(base, catalogue, kind).run(threads, warmUp, measured);
                yield s.json(kind.name().toLowerCase(), extra);
            }
            default -> {
                BenchOptions.usage(TOOL, "publish or read, not " + args[0]);
                yield "";
            }
        };
        System.out.println(line);
    }
}
