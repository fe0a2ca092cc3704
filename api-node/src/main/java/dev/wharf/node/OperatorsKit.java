package dev.wharf.node;

import dev.wharf.kafka.KafkaSettings;

import dev.wharf.backup.BackupTask;
import dev.wharf.ports.BlobStore;
import dev.wharf.cors.CrossOrigin;
import dev.wharf.gc.BlobCollection;
import dev.wharf.gc.BlobGcTask;
import dev.wharf.gc.PeriodicBlobGc;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.metrics.PrometheusEndpoint;
import dev.wharf.metrics.RegistryMetrics;
import dev.wharf.metrics.RouteTimes;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The operators' kit (issue 13), wired in one place: CORS on every route, reads timed by route,
 * Prometheus {@code /metrics} and the {@code backup} and {@code blob-gc} tasks on the admin port,
 * and periodic blob GC when BLOB_GC_INTERVAL is set.
 */
final class OperatorsKit {

    /** How long blob GC waits for the metadata projection to reach the log's end before giving up. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);

    private OperatorsKit() {}

    static void install(WharfConfiguration config, KafkaSettings kafka, Environment environment, RegistryMetrics metrics, BlobStore blobs,
                        MetadataStore metadata) {
        if (config.blobGcMinAge.toJavaDuration().compareTo(config.appendTimeout.toJavaDuration()) <= 0) {
            throw new IllegalArgumentException("BLOB_GC_MIN_AGE (" + config.blobGcMinAge + ") must be longer than APPEND_TIMEOUT ("
                    + config.appendTimeout + "): a blob whose publish is still appending must never look orphaned");
        }
        environment.servlets().addFilter("cors", new CrossOrigin(config.corsWriteOrigins))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new RouteTimes(metrics));
        environment.admin().addServlet("prometheus", new PrometheusEndpoint(environment.metrics())).addMapping("/metrics");

        BlobCollection blobGc = new BlobCollection(blobs, metadata, kafka, config.blobGcMinAge.toJavaDuration(),
                PROJECTION_WAIT, Clock.systemUTC());
        environment.admin().addTask(new BlobGcTask(blobGc));
        environment.admin().addTask(new BackupTask(kafka, blobs));
        if (config.blobGcInterval.toSeconds() > 0) {
            environment.lifecycle().manage(new PeriodicBlobGc(blobGc, config.blobGcInterval.toJavaDuration()));
        }
    }
}
