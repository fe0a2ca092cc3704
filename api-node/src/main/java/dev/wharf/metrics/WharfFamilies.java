package dev.wharf.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metered;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wharf.*} Dropwizard metrics as labelled Prometheus families. The Dropwizard bridge
 * maps one Dropwizard metric to one family, so {@code wharf.publishes.conflict} and
 * {@code wharf.publishes.published} would be two families of the same name, which the exposition
 * refuses; here every metric under one prefix becomes a sample of one family, told apart by a label.
 */
final class WharfFamilies implements MultiCollector {

    /** Dropwizard prefix, Prometheus family, label (null: the metric is the whole family), help. */
    private record Family(String prefix, String name, String label, String help) {}

    private static final List<Family> FAMILIES = List.of(
            new Family("wharf.publishes.", "wharf_publishes", "outcome", "Publish requests answered, by outcome."),
            new Family("wharf.reads.", "wharf_reads_seconds", "route", "Reads (GET, HEAD) by route, in seconds."),
            new Family("wharf.search.seconds", "wharf_search_seconds", null, "Search API latency, in seconds."),
            new Family("wharf.replica.lag_records", "wharf_replica_lag_records", null,
                    "Records of the event log this node's search replica has not applied yet (-1: not measured yet)."),
            new Family("wharf.replica.resumed_records", "wharf_replica_resumed_records", null,
                    "Records of the event log the search replica had when this node started (its own index, or a snapshot's)."),
            new Family("wharf.replica.applied_records", "wharf_replica_applied_records", null,
                    "Records of the event log the search replica applied since this node started."),
            new Family("wharf.log.end_offset.", "wharf_log_end_offset", "partition",
                    "The event log's end offset per partition (-1: the log cannot be reached)."),
            new Family("wharf.blob_store.errors", "wharf_blob_store_errors", null, "Blob store calls that failed."));

    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99};

    private final MetricRegistry registry;

    WharfFamilies(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (Family f : FAMILIES) {
            Map<String, Metric> members = new LinkedHashMap<>();
            registry.getMetrics().forEach((name, metric) -> {
                if (f.label() == null ? name.equals(f.prefix()) : name.startsWith(f.prefix())) members.put(name, metric);
            });
            if (members.isEmpty()) continue;
            Metric first = members.values().iterator().next();
            if (first instanceof Timer) {
                SummarySnapshot.Builder b = SummarySnapshot.builder().name(f.name()).help(f.help());
                members.forEach((name, m) -> b.dataPoint(summary((Timer) m, labels(f, name))));
                out.add(b.build());
            } else if (first instanceof Metered) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
                members.forEach((name, m) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(((Metered) m).getCount()).labels(labels(f, name)).build()));
                out.add(b.build());
            } else if (first instanceof Gauge<?>) {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
                members.forEach((name, m) -> {
                    if (((Gauge<?>) m).getValue() instanceof Number n) {
                        b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(n.doubleValue()).labels(labels(f, name)).build());
                    }
                });
                out.add(b.build());
            }
        }
        return new MetricSnapshots(out);
    }

    private static Labels labels(Family f, String name) {
        return f.label() == null ? Labels.EMPTY : Labels.of(f.label(), name.substring(f.prefix().length()));
    }

    private static SummarySnapshot.SummaryDataPointSnapshot summary(Timer timer, Labels labels) {
        Snapshot s = timer.getSnapshot();
        List<Quantile> quantiles = new ArrayList<>();
        for (double q : QUANTILES) quantiles.add(new Quantile(q, s.getValue(q) / 1e9));
        return SummarySnapshot.SummaryDataPointSnapshot.builder()
                .quantiles(Quantiles.of(quantiles)).count(timer.getCount()).labels(labels).build();
    }
}
