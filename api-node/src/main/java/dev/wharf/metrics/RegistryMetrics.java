package dev.wharf.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.wharf.ports.BlobStore;
import dev.wharf.projection.EventTail;
import dev.wharf.kafka.KafkaSettings;
import java.util.concurrent.TimeUnit;

/**
 * The registry's own metrics, kept in Dropwizard's registry (so the admin JSON and any reporter
 * see them) under {@code wharf.*} names that {@link WharfFamilies} exposes as {@code wharf_*}
 * families with labels: {@code wharf_publishes_total{outcome}}, {@code wharf_reads_seconds{route}},
 * {@code wharf_search_seconds}, {@code wharf_replica_lag_records},
 * {@code wharf_log_end_offset{partition}}, {@code wharf_blob_store_errors_total}.
 */
public final class RegistryMetrics {

    private final MetricRegistry registry;

    public RegistryMetrics(MetricRegistry registry) {
        this.registry = registry;
        // Present from the start, at 0: an alert on its rate needs the series before the first error.
        registry.meter("wharf.blob_store.errors");
        registry.timer("wharf.search.seconds");
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** One publish answered: published, pending, conflict, refused, unauthorized, forbidden, too_large, unavailable. */
    public void published(String outcome) {
        registry.meter("wharf.publishes." + outcome).mark();
    }

    /** A read answered on {@code route} (its URI template, dots replaced: Dropwizard names split on them). */
    public void read(String route, long nanos) {
        registry.timer("wharf.reads." + route.replace('.', '_')).update(nanos, TimeUnit.NANOSECONDS);
    }

    public Timer search() {
        return registry.timer("wharf.search.seconds");
    }

    public void blobStoreError() {
        registry.meter("wharf.blob_store.errors").mark();
    }

    /** Blob store calls that fail (other than a missing blob) are counted as they happen. */
    public BlobStore metered(BlobStore blobs) {
        return new MeteredBlobStore(blobs, this);
    }

    /** Records behind the log's end in this node's search replica (-1 before its first poll). */
    public void replicaLag(EventTail replicaTail) {
        registry.registerGauge("wharf.replica.lag_records", replicaTail::lag);
    }

    /** The log's end offset per partition, read at most every few seconds however often it is scraped. */
    public AutoCloseable logEndOffsets(KafkaSettings kafka) {
        LogEndOffsets offsets = new LogEndOffsets(kafka);
        for (int p = 0; p < kafka.partitions; p++) {
            int partition = p;
            registry.register("wharf.log.end_offset." + p, (Gauge<Long>) () -> offsets.endOffset(partition));
        }
        return offsets;
    }
}
