package dev.wharf.bench.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of {@code ops/bench-vs-anchors}: each path with the nginx, Verdaccio and Wharf
 * figures of the same run, the ratios, and the targets of issue #12 they are held against.
 * The server's CPU per request (its {@code /proc/PID/stat} user+system ticks over the cell,
 * divided by the requests) says what each answer costs whatever else the machine was doing.
 */
final class Scoreboard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> cells = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private Scoreboard() {}

    static String print(Path results) throws IOException {
        Scoreboard board = new Scoreboard();
        for (String line : Files.readAllLines(results)) {
            if (line.isBlank()) continue;
            JsonNode n = JSON.readTree(line);
            String key = switch (n.path("kind").asText()) {
                case "read" -> "read/" + n.path("path").asText() + "/" + n.path("target").asText();
                case "publish" -> "publish/" + n.path("clients").asText() + "/" + n.path("target").asText();
                case "startup" -> "startup/" + n.path("phase").asText();
                default -> n.path("kind").asText();
            };
            board.cells.put(key, n);
        }
        return board.table();
    }

    private String table() {
        out.append("| path | nginx | Verdaccio 6.8 (JWT) | Wharf | Wharf/nginx | Wharf/Verdaccio | target (issue #12) | met | server CPU per request: nginx / Verdaccio / Wharf |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|---|---|\n");
        read("metadata GET, one version, req/s", "meta", false, 0.5, 20, "≥ 0.5× nginx, ≥ 20× Verdaccio");
        read("versions GET, req/s (Verdaccio: GET /{pkg})", "versions", false, 0.5, 0, "≥ 0.5× nginx");
        read("artifact 50 KB GET, req/s", "artifact", false, 0.5, 0, "≥ 0.5× nginx");
        read("artifact 1 MB GET, GB/s", "big", true, 0.8, 0, "≥ 0.8× nginx");
        read("search, one hit, req/s", "search", false, 0, 0, "keep (no peer)");
        publish(1);
        publish(8);
        startup("cold");
        startup("warm");
        JsonNode rss = cells.get("rss");
        if (rss != null) {
            long mb = rss.path("mb").asLong();
            row("Wharf RSS after the reads, MiB", "", "", Long.toString(mb), "", "", "≤ 512 (the issue's is at 100k packages × 3)", mb <= 512 ? "yes" : "no", "");
        }
        if (!notes.isEmpty()) out.append('\n').append(String.join("\n", notes)).append('\n');
        return out.toString();
    }

    private void read(String label, String path, boolean gigabytes, double nginxTarget, double verdaccioTarget, String target) {
        read(label, path, "wharf", gigabytes, nginxTarget, verdaccioTarget, target);
        read(label + ", request log on", path, "wharf-logged", gigabytes, nginxTarget, verdaccioTarget, target);
    }

    private void read(String label, String path, String wharf, boolean gigabytes, double nginxTarget, double verdaccioTarget, String target) {
        JsonNode n = cells.get("read/" + path + "/nginx"), v = cells.get("read/" + path + "/verdaccio"), w = cells.get("read/" + path + "/" + wharf);
        if (w == null) return;
        double wf = rate(w, gigabytes), nf = rate(n, gigabytes), vf = rate(v, gigabytes);
        String met = "–";
        if (nginxTarget > 0 && n != null) {
            boolean ok = wf / nf >= nginxTarget && (verdaccioTarget == 0 || v == null || wf / vf >= verdaccioTarget);
            met = ok ? "yes" : "no";
        }
        row(label, fmt(n, nf, gigabytes), fmt(v, vf, gigabytes), fmt(w, wf, gigabytes),
                n == null ? "" : ratio(wf / nf), v == null ? "" : ratio(wf / vf), target, met,
                cpu(n) + " / " + cpu(v) + " / " + cpu(w));
        for (JsonNode c : wharf.equals("wharf") ? new JsonNode[] {n, v, w} : new JsonNode[] {w}) {
            if (c == null) continue;
            long bad = c.path("status_errors").asLong(), errors = c.path("connect_errors").asLong() + c.path("read_errors").asLong()
                    + c.path("write_errors").asLong() + c.path("timeouts").asLong();
            if (bad + errors > 0) {
                notes.add("- " + path + " on " + c.path("target").asText() + ": " + bad + " non-2xx answers, " + errors + " socket errors/timeouts of " + c.path("requests").asLong());
            }
        }
    }

    private void publish(int clients) {
        JsonNode v = cells.get("publish/" + clients + "/verdaccio"), w = cells.get("publish/" + clients + "/wharf");
        if (w == null || v == null) return;
        double wr = w.path("per_second").asDouble(), vr = v.path("per_second").asDouble();
        double wp = w.path("p50_ms").asDouble(), vp = v.path("p50_ms").asDouble();
        String s = clients == 1 ? "1 client" : clients + " clients";
        row("publish ~50 KB, " + s + ", per s", "–", num(vr), num(wr), "", ratio(wr / vr),
                clients == 8 ? "≥ 1.5× Verdaccio" : "", clients == 8 ? (wr / vr >= 1.5 ? "yes" : "no") : "",
                "– / " + publishCpu(v) + " / " + publishCpu(w));
        row("publish ~50 KB, " + s + ", p50 (p99) ms", "–", ms(v), ms(w), "", ratio(wp / vp),
                clients == 1 ? "p50 ≤ 1× Verdaccio" : "", clients == 1 ? (wp / vp <= 1 ? "yes" : "no") : "", "");
        for (JsonNode c : new JsonNode[] {v, w}) {
            if (!"true".equals(c.path("ok").asText())) {
                notes.add("- publish " + s + " on " + c.path("target").asText() + ": statuses " + c.path("statuses") + ", " + c.path("failures").asLong() + " without answer");
            }
        }
    }

    private void startup(String phase) {
        JsonNode s = cells.get("startup/" + phase);
        if (s == null) return;
        double seconds = s.path("ms").asLong() / 1000.0;
        row("Wharf start-up to /health 200, " + (phase.equals("cold") ? "cold (empty DATA_DIR)" : "warm (DATA_DIR of this run)") + ", s",
                "", "", String.format(Locale.ROOT, "%.2f", seconds), "", "", "≤ 3 s", seconds <= 3 ? "yes" : "no",
                (s.has("cpu_ticks") ? String.format(Locale.ROOT, "Wharf CPU %.1f s; ", s.path("cpu_ticks").asDouble() / s.path("hz").asDouble(100)) : "")
                        + "load " + s.path("load").asText());
    }

    private void row(String... columns) {
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
    }

    private static double rate(JsonNode c, boolean gigabytes) {
        if (c == null) return Double.NaN;
        double seconds = c.path("duration_us").asDouble() / 1e6;
        return gigabytes ? c.path("bytes").asDouble() / seconds / 1e9 : c.path("requests").asDouble() / seconds;
    }

    private static String fmt(JsonNode c, double value, boolean gigabytes) {
        if (c == null) return "–";
        return gigabytes ? String.format(Locale.ROOT, "%.2f GB/s", value) : num(value);
    }

    private static String num(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) return "";
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : r >= 0.1 ? "%.2f×" : "%.3f×", r);
    }

    private static String ms(JsonNode c) {
        return String.format(Locale.ROOT, "%.1f (%.1f)", c.path("p50_ms").asDouble(), c.path("p99_ms").asDouble());
    }

    /** Server CPU microseconds per answered request of a read cell. */
    private static String cpu(JsonNode c) {
        if (c == null) return "–";
        double us = c.path("cpu_ticks").asDouble() / c.path("hz").asDouble(100) * 1e6 / Math.max(1, c.path("requests").asDouble());
        return String.format(Locale.ROOT, "%.0f µs", us);
    }

    /** Server CPU milliseconds per publish. */
    private static String publishCpu(JsonNode c) {
        double ms = c.path("cpu_ticks").asDouble() / c.path("hz").asDouble(100) * 1e3 / Math.max(1, c.path("requests").asDouble());
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
