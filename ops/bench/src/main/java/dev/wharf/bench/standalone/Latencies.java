package dev.wharf.bench.standalone;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Response times (HdrHistogram, 3 significant digits, 1 µs to 5 min) and a count per HTTP status. */
public final class Latencies {

    private static final long MAX_NANOS = 300_000_000_000L;
    private final Recorder recorder = new Recorder(1_000L, MAX_NANOS, 3);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    public void record(int status, long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 1_000L), MAX_NANOS));
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A request that got no HTTP answer at all (connection refused, timeout). */
    public void failed() {
        failures.increment();
    }

    /** Forgets what was recorded so far (the end of a warm-up). */
    public void reset() {
        recorder.reset();
        statuses.clear();
        failures.reset();
    }

    public Summary summary(double seconds) {
        Histogram h = recorder.getIntervalHistogram();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.sum()));
        return new Summary(h.getTotalCount(), seconds, h.getTotalCount() / seconds,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), counts, failures.sum());
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** What one run measured; latencies in milliseconds. */
    public record Summary(long requests, double seconds, double perSecond, double p50, double p90, double p99, double max,
                   Map<Integer, Long> statuses, long failures) {

        public String json(String label, Map<String, Object> extra) {
            StringBuilder s = new StringBuilder("{\"label\":\"").append(label).append('"');
            extra.forEach((k, v) -> s.append(",\"").append(k).append("\":")
                    .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
            s.append(String.format(java.util.Locale.ROOT,
                    ",\"requests\":%d,\"seconds\":%.2f,\"per_second\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f",
                    requests, seconds, perSecond, p50, p90, p99, max));
            s.append(",\"statuses\":{");
            String sep = "";
            for (var e : statuses.entrySet()) {
                s.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
                sep = ",";
            }
            return s.append("},\"failures\":").append(failures).append('}').toString();
        }
    }
}
