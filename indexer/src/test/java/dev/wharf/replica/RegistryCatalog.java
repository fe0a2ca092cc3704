package dev.wharf.replica;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.RegistryEvent;
import dev.wharf.inspect.WasmSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A registry's worth of packages as log events, for search tests: the hand-written packages
 * of relevance-packages.tsv, each published as 0.9.0 then 1.0.0 and downloaded, plus a few
 * hundred generated neighbours with overlapping words, so a query has to rank, not just find.
 */
final class RegistryCatalog {

    record Entry(String name, String kind, long downloads, List<String> exports, List<String> imports, String description) {}

    private static final String[] NAMESPACES = {"corp", "util", "lab", "oss", "demo", "dev"};
    private static final String[] TOPICS = {"http", "json", "image", "text", "log", "cache", "queue", "metrics", "config",
            "auth", "email", "csv", "matrix", "color", "geo", "cron", "diff", "semver", "template", "base64", "bloom",
            "trie", "lru", "i18n", "pdf", "audio", "video", "font", "svg", "graph", "crypto", "stream", "table", "money"};
    private static final String[] SUFFIXES = {"kit", "utils", "lite", "tools", "plus", "wasm", "sdk", "bindings", "x"};
    private static final String[] ADJECTIVES = {"Fast", "Lightweight", "Simple", "Tiny", "Safe", "Portable", "Minimal"};
    private static final String[] NOUNS = {"toolkit", "library", "bindings", "primitives", "utilities", "helpers"};
    private static final String[] AUDIENCES = {"edge functions", "serverless apps", "plugins", "command line tools",
            "embedded hosts", "browser hosts"};
    private static final String[] IMPORTS = {"wasi:io/streams@0.2.0", "wasi:clocks/wall-clock@0.2.0",
            "wasi:filesystem/types@0.2.0", "wasi:http/types@0.2.0", "wasi:random/random@0.2.0"};

    static List<Entry> handWritten() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String[] row : tsv("relevance-packages.tsv")) {
            out.add(new Entry(row[0], row[1], Long.parseLong(row[2]), list(row[3]), list(row[4]), row[5]));
        }
        return out;
    }

    static List<Entry> generated(Set<String> taken, int count, long seed) {
        Random random = new Random(seed);
        List<Entry> out = new ArrayList<>();
        Set<String> names = new HashSet<>(taken);
        while (out.size() < count) {
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            String ns = NAMESPACES[random.nextInt(NAMESPACES.length)];
            String name = ns + ":" + topic + "-" + SUFFIXES[random.nextInt(SUFFIXES.length)];
            if (!names.add(name)) continue;
            String description = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + topic + " "
                    + NOUNS[random.nextInt(NOUNS.length)] + " for " + AUDIENCES[random.nextInt(AUDIENCES.length)];
            List<String> imports = random.nextBoolean() ? List.of(IMPORTS[random.nextInt(IMPORTS.length)]) : List.of();
            String pkg = name.substring(name.indexOf(':') + 1);
            out.add(new Entry(name, "component", random.nextInt(1000),
                    List.of(ns + ":" + pkg + "/api@1.0.0"), imports, description));
        }
        return out;
    }

    /** Publishes of every entry (two versions each) and one download count per entry, in log order on one partition. */
    static List<LoggedEvent> events(List<Entry> entries) {
        List<RegistryEvent> events = new ArrayList<>();
        long t = 1_700_000_000L;
        for (Entry e : entries) {
            events.add(publish(e, "0.9.0", "an early draft", t++));
            events.add(publish(e, "1.0.0", e.description(), t++));
            if (e.downloads() > 0) {
                events.add(new DownloadsCounted(UUID.nameUUIDFromBytes(("dl " + e.name()).getBytes(StandardCharsets.UTF_8)),
                        e.name(), Map.of("1.0.0", e.downloads()), "test"));
            }
        }
        List<LoggedEvent> logged = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) logged.add(new LoggedEvent(0, i, events.get(i), null));
        return logged;
    }

    static PublishVersion publish(Entry e, String version, String description, long publishedAt) {
        return new PublishVersion(UUID.nameUUIDFromBytes((e.name() + "@" + version).getBytes(StandardCharsets.UTF_8)),
                publishedAt, e.name(), version, description, "Apache-2.0", "https://example.com/" + e.name().replace(':', '/'),
                null, List.of(), List.of(), "0".repeat(64), 1000, new WasmSummary(e.kind(), e.imports(), e.exports(), null), "test");
    }

    static List<String[]> tsv(String resource) throws IOException {
        try (InputStream in = RegistryCatalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.split("\t"));
            }
            return rows;
        }
    }

    private static List<String> list(String cell) {
        return cell.equals("-") ? List.of() : Arrays.asList(cell.split(","));
    }
}
