package dev.wharf.bench.standalone;

import java.util.List;
import java.util.Random;

/**
 * The synthetic packages a run publishes and then reads back: {@code bench:<prefix>-<i>} at
 * 1.0.0, each described by a few words of a small vocabulary, so that a search word matches a
 * few hundred packages of 10k and a package token ({@code pkg1234}) matches one.
 */
public record Catalogue(String prefix, int size) {

    public static final String VERSION = "1.0.0";
    public static final List<String> VOCABULARY = List.of(
            "calculator", "matrix", "http", "router", "json", "parser", "image", "resize", "crypto", "hash",
            "logger", "cache", "queue", "scheduler", "markdown", "render", "sql", "client", "metrics", "tracing",
            "compress", "archive", "template", "config", "yaml", "toml", "geometry", "vector", "audio", "codec",
            "regex", "unicode", "datetime", "uuid", "random", "auth", "token", "session", "email", "smtp",
            "csv", "table", "graph", "search", "index", "storage", "blob", "stream", "socket", "dns");

    public String name(int i) {
        return "bench:" + prefix + "-" + i;
    }

    public String description(int i) {
        Random r = new Random(i);
        StringBuilder s = new StringBuilder("pkg").append(i).append(':');
        for (int w = 0; w < 4; w++) s.append(' ').append(VOCABULARY.get(r.nextInt(VOCABULARY.size())));
        return s.append(" component for benchmarks").toString();
    }

    /** A query a user might type: one vocabulary word, two words, a package token or a name prefix. */
    public String query(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> VOCABULARY.get(r.nextInt(VOCABULARY.size()));
            case 1 -> VOCABULARY.get(r.nextInt(VOCABULARY.size())) + " " + VOCABULARY.get(r.nextInt(VOCABULARY.size()));
            case 2 -> "pkg" + r.nextInt(size);
            default -> prefix + "-" + r.nextInt(size);
        };
    }
}
