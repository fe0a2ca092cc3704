package dev.wharf.bench.search;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.RegistryEvent;
import dev.wharf.inspect.WasmSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic registry of synthetic but realistic packages: organisation namespaces,
 * kebab-case names from a domain vocabulary, descriptions built from that vocabulary, WIT
 * exports and WASI imports, three versions each and Zipf-like download counts. The same seed
 * gives the same registry, so both search methods see the same rows.
 */
final class SyntheticCatalog {

    record Package(String namespace, String name, String description, List<String> exports, List<String> imports,
                   String kind, long downloads) {}

    static final String[] TOPICS = {
        "http", "json", "yaml", "toml", "xml", "csv", "sql", "sqlite", "postgres", "redis", "kafka", "grpc", "graphql",
        "websocket", "dns", "smtp", "tls", "jwt", "oauth", "auth", "session", "cookie", "cache", "queue", "stream",
        "image", "png", "jpeg", "svg", "pdf", "font", "audio", "video", "markdown", "html", "template", "regex",
        "unicode", "i18n", "uuid", "time", "cron", "timezone", "geo", "matrix", "vector", "tensor", "onnx", "tokenizer",
        "crypto", "hash", "sha", "argon", "ed25519", "random", "compress", "gzip", "zstd", "brotli", "base64", "diff",
        "semver", "config", "logger", "metrics", "tracing", "router", "proxy", "gateway", "rate", "limit", "bloom",
        "trie", "btree", "lru", "graph", "search", "index", "spell", "slug", "color", "qrcode", "barcode", "money",
        "invoice", "email", "sms", "payment", "wasm", "wit", "component", "plugin", "sandbox", "kv", "blob", "file"};
    static final String[] ROLES = {
        "parser", "client", "server", "codec", "encoder", "decoder", "validator", "router", "resolver", "renderer",
        "generator", "formatter", "converter", "driver", "adapter", "bindings", "sdk", "runtime", "engine", "store",
        "filter", "middleware", "handler", "worker", "scheduler", "limiter", "signer", "verifier", "compressor", "viewer",
        "builder", "toolkit", "utils", "core", "lite"};
    static final String[] ADJECTIVES = {
        "fast", "small", "streaming", "safe", "portable", "zero-copy", "async", "minimal", "pure", "embeddable",
        "typed", "incremental", "lazy", "robust", "tiny", "modern", "simple", "secure", "deterministic", "lossless"};
    static final String[] PURPOSES = {
        "for WASI components", "for edge functions", "for serverless handlers", "with a small API", "in constant memory",
        "without allocations on the hot path", "for plugins and hosts", "compatible with the reference implementation",
        "with helpful error messages", "tested against real-world inputs", "for command line tools", "for browsers and servers"};
    static final String[] ORG_WORDS = {
        "acme", "blue", "cloud", "data", "edge", "fern", "gear", "harbor", "iron", "jet", "kite", "lumen", "moss", "nova",
        "orbit", "pine", "quartz", "river", "stone", "tide", "umber", "vale", "wave", "xeno", "yarrow", "zephyr", "atlas",
        "beacon", "cedar", "delta", "ember", "flint", "grove", "helix", "indigo", "juniper", "koala", "lotus", "maple"};
    static final String[] WASI_IMPORTS = {
        "wasi:io/streams@0.2.3", "wasi:io/error@0.2.3", "wasi:io/poll@0.2.3", "wasi:clocks/wall-clock@0.2.3",
        "wasi:clocks/monotonic-clock@0.2.3", "wasi:random/random@0.2.3", "wasi:filesystem/types@0.2.3",
        "wasi:filesystem/preopens@0.2.3", "wasi:cli/stdout@0.2.3", "wasi:cli/stderr@0.2.3", "wasi:cli/environment@0.2.3",
        "wasi:sockets/tcp@0.2.3", "wasi:http/types@0.2.3", "wasi:http/outgoing-handler@0.2.3", "wasi:keyvalue/store@0.2.0"};

    final long seed;
    final int packageCount;
    private final String[] namespaces;

    SyntheticCatalog(int packageCount, long seed) {
        this.packageCount = packageCount;
        this.seed = seed;
        Random random = new Random(seed);
        Set<String> ns = new HashSet<>();
        int wanted = Math.max(10, packageCount / 300);
        while (ns.size() < wanted) {
            String a = ORG_WORDS[random.nextInt(ORG_WORDS.length)];
            ns.add(random.nextInt(3) == 0 ? a : a + "-" + ORG_WORDS[random.nextInt(ORG_WORDS.length)]);
        }
        namespaces = ns.stream().sorted().toArray(String[]::new);
    }

    String[] namespaces() {
        return namespaces;
    }

    /** Every package, in a fixed order; names are unique. */
    List<Package> packages() {
        Random random = new Random(seed * 31 + 7);
        Set<String> taken = new HashSet<>();
        List<Package> out = new ArrayList<>(packageCount);
        while (out.size() < packageCount) {
            String ns = namespaces[(int) Math.min(namespaces.length - 1, Math.abs(random.nextGaussian()) * namespaces.length / 3)];
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String role = ROLES[random.nextInt(ROLES.length)];
            String pkg = switch (random.nextInt(4)) {
                case 0 -> topic;
                case 1, 2 -> topic + "-" + role;
                default -> topic + "-" + TOPICS[random.nextInt(TOPICS.length)] + "-" + role;
            };
            String name = ns + ":" + pkg;
            if (!taken.add(name)) {
                name = name + "-" + (out.size() % 97);
                if (!taken.add(name)) continue;
            }
            String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
            String description = Character.toUpperCase(adjective.charAt(0)) + adjective.substring(1) + " " + topic + " "
                    + role + " " + PURPOSES[random.nextInt(PURPOSES.length)]
                    + (random.nextBoolean() ? ", with " + TOPICS[random.nextInt(TOPICS.length)] + " support" : "");
            boolean module = random.nextInt(12) == 0;
            List<String> exports = new ArrayList<>();
            List<String> imports = new ArrayList<>();
            String bare = name.substring(name.indexOf(':') + 1);
            if (module) {
                exports.add("memory");
                exports.add(role.replace('-', '_'));
                if (random.nextBoolean()) imports.add("wasi_snapshot_preview1.fd_write");
            } else {
                exports.add(ns + ":" + bare + "/" + role + "@" + (1 + random.nextInt(3)) + "." + random.nextInt(10) + ".0");
                int r = random.nextInt(20);
                if (r == 0) exports.add("wasi:http/incoming-handler@0.2.3");
                if (r == 1) exports.add("wasi:cli/run@0.2.3");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    String imp = WASI_IMPORTS[random.nextInt(WASI_IMPORTS.length)];
                    if (!imports.contains(imp)) imports.add(imp);
                }
            }
            long downloads = (long) (1_000_000 / Math.pow(1 + random.nextInt(packageCount), 0.9)) - 1;
            out.add(new Package(ns, name, description, exports, imports, module ? WasmSummary.MODULE : WasmSummary.COMPONENT,
                    Math.max(0, downloads)));
        }
        return out;
    }

    static final String[] VERSIONS = {"0.9.0", "1.0.0", "1.1.0"};

    /** Three publishes per package, then a download count for every package downloaded at all. */
    static void events(List<Package> packages, Consumer<RegistryEvent> sink) {
        long t = 1_700_000_000L;
        for (Package p : packages) {
            for (String version : VERSIONS) sink.accept(publish(p, version, t++));
        }
        for (Package p : packages) {
            if (p.downloads() > 0) {
                sink.accept(new DownloadsCounted(uuid("dl " + p.name()), p.name(), Map.of("1.1.0", p.downloads()), "bench"));
            }
        }
    }

    static PublishVersion publish(Package p, String version, long publishedAt) {
        return new PublishVersion(uuid(p.name() + "@" + version), publishedAt, p.name(), version, p.description(),
                "Apache-2.0", "https://example.com/" + p.name().replace(':', '/'), null, List.of(), List.of(),
                "ab".repeat(32), 40_000, new WasmSummary(p.kind(), p.imports(), p.exports(), null), "bench");
    }

    private static UUID uuid(String s) {
        return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
