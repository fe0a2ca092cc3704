package dev.wharf.node;

import dev.wharf.auth.PublishTokens;
import dev.wharf.blob.BlobStore;
import dev.wharf.blob.FileBlobStore;
import dev.wharf.blob.S3BlobStore;
import dev.wharf.browse.BrowseResource;
import dev.wharf.errors.ErrorMappers;
import dev.wharf.events.EventLog;
import dev.wharf.events.EventTail;
import dev.wharf.events.EventTopic;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.metadata.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.oci.OciApi;
import dev.wharf.oci.OciRegistryPort;
import dev.wharf.packages.ArtifactResource;
import dev.wharf.packages.DownloadCounter;
import dev.wharf.packages.PackageReads;
import dev.wharf.packages.PackageListResource;
import dev.wharf.packages.PackagesResource;
import dev.wharf.publish.PublishResource;
import dev.wharf.publish.PublishService;
import dev.wharf.publish.PublishStatusResource;
import dev.wharf.publish.RefusedUploadCloses;
import dev.wharf.publish.UploadSpool;
import dev.wharf.rebuild.RebuildCommand;
import dev.wharf.search.PackageSearch;
import dev.wharf.search.SearchReplica;
import dev.wharf.search.SearchResource;
import dev.wharf.standalone.DataDirLock;
import dev.wharf.standalone.EmbeddedKafkaBroker;
import dev.wharf.stats.StatsResource;
import dev.wharf.stats.Uptime;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.views.common.ViewBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * An api-node: the Run registry protocol over HTTP. In standalone mode the same JVM also runs
 * a Kafka broker, the metadata projection (the indexer) and a file blob store, so one command
 * gives a complete registry; in cluster mode those are external and this node is stateless
 * apart from its search replica, a cache of the log.
 */
public class WharfApplication extends Application<WharfConfiguration> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WharfApplication.class);

    public static void main(String[] args) throws Exception {
        new WharfApplication().run(args);
    }

    @Override
    public String getName() {
        return "wharf";
    }

    @Override
    public void initialize(Bootstrap<WharfConfiguration> bootstrap) {
        // Config files may come from disk or, for the bundled defaults, from the classpath.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                path -> Files.exists(Path.of(path))
                        ? Files.newInputStream(Path.of(path))
                        : new ResourceConfigurationSourceProvider().open(path),
                EnvironmentLookup.substitutor(System.getenv())));
        bootstrap.addBundle(new ViewBundle<>());
        bootstrap.addCommand(new RebuildCommand());
    }

    @Override
    public void run(WharfConfiguration config, Environment environment) throws Exception {
        Path dataDir = Path.of(config.dataDir).toAbsolutePath();
        Files.createDirectories(dataDir);
        String nodeId = config.nodeId.isBlank() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeId;

        DataDirLock lock = null;
        EmbeddedKafkaBroker broker = null;
        if (config.embeddedKafka || config.embeddedIndexer) {
            // Registered first so it is released last, after the broker and the database close.
            lock = DataDirLock.acquire(dataDir);
            environment.lifecycle().manage(lock);
        }
        if (config.embeddedKafka) {
            broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), 0);
            broker.start();
            config.kafka.bootstrapServers = broker.bootstrapServers();
            environment.lifecycle().manage(broker);
        }
        try {
            wire(config, environment, dataDir, nodeId);
        } catch (Exception | Error e) {
            // Jetty never started, so its lifecycle will not stop what was started by hand here.
            if (broker != null) broker.stop();
            if (lock != null) lock.close();
            throw e;
        }
    }

    private void wire(WharfConfiguration config, Environment environment, Path dataDir, String nodeId) throws Exception {
        EventTopic.ensure(config.kafka);

        ManagedDataSource dataSource = config.database.build(environment.metrics(), "metadata");
        MetadataStore.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, config.database, dataSource, "metadata");
        MetadataStore metadata = new MetadataStore(jdbi);

        BlobStore blobs = blobStore(config, dataDir);
        EventLog log = new EventLog(config.kafka, config.appendTimeout.toJavaDuration());
        environment.lifecycle().manage(closing(log));

        Optional<EventTail> indexer = Optional.empty();
        if (config.embeddedIndexer) {
            EventTail tail = EventTail.inGroup(config.kafka, new MetadataProjection(metadata), "wharf-indexer").start();
            environment.lifecycle().manage(closing(tail));
            environment.healthChecks().register("indexer", new DependencyChecks.Tail(tail, Long.MAX_VALUE));
            indexer = Optional.of(tail);
        }
        Path searchDir = config.searchIndexDir.isBlank() ? dataDir.resolve("search") : Path.of(config.searchIndexDir);
        SearchReplica replica = new SearchReplica(searchDir, config.searchCacheHits,
                config.searchDownloadCountsDelay.toJavaDuration());
        environment.metrics().registerGauge("search.page-cache.hit-rate", () -> replica.pageCacheStats().hitRate());
        environment.metrics().registerGauge("search.page-cache.requests", () -> replica.pageCacheStats().requestCount());
        EventTail replicaTail = EventTail.everyPartition(config.kafka, replica).start();
        // Stop order is the reverse of registration: the tail stops before the index closes.
        environment.lifecycle().manage(closing(replica));
        environment.lifecycle().manage(closing(replicaTail));

        DownloadCounter downloads = new DownloadCounter(log, config.downloadFlushInterval.toJavaDuration(), nodeId);
        environment.lifecycle().manage(downloads);

        PublishTokens tokens = new PublishTokens(config.adminToken, config.tokens);
        PublishService publishes = new PublishService(tokens, new WasmInspector(), blobs, log, metadata, replicaTail,
                indexer, config.appendTimeout.toJavaDuration(), config.publishAckTimeout.toJavaDuration(), config.registryUrl);
        UploadSpool spool = new UploadSpool(dataDir.resolve("spool"), config.maxUploadMb * 1024L * 1024L);
        PackageReads reads = new PackageReads(metadata, config.registryUrl);
        PackageSearch search = new PackageSearch(replica, config.registryUrl);
        Uptime uptime = new Uptime();

        DependencyChecks.Kafka kafkaCheck = new DependencyChecks.Kafka(config.kafka);
        environment.lifecycle().manage(closing(kafkaCheck));
        environment.healthChecks().register("kafka", kafkaCheck);
        environment.healthChecks().register("blobs", new DependencyChecks.Blobs(blobs));
        environment.healthChecks().register("search-replica", new DependencyChecks.Tail(replicaTail, 1_000));

        var jersey = environment.jersey();
        jersey.register(new ErrorMappers.InvalidInputMapper());
        jersey.register(new ErrorMappers.WebApplicationMapper());
        jersey.register(new ErrorMappers.UnexpectedMapper());
        if (config.rateLimitPerMinute != null && config.rateLimitPerMinute > 0) {
            jersey.register(new RateLimit(config.rateLimitPerMinute));
        }
        jersey.register(new HealthResource(new NodeHealth(environment.healthChecks(), uptime)));
        jersey.register(new PackageListResource(reads));
        jersey.register(new PackagesResource(reads));
        jersey.register(new PublishResource(tokens, spool, publishes));
        jersey.register(new RefusedUploadCloses(spool));
        jersey.register(new PublishStatusResource(publishes));
        jersey.register(new ArtifactResource(reads, blobs, downloads,
                config.blobs.type.equals("s3") && config.blobs.s3.presignDownloads));
        jersey.register(new SearchResource(search));
        jersey.register(new StatsResource(metadata, uptime));
        jersey.register(new BrowseResource(metadata, reads, search, config.registryUrl));
        // The OCI distribution API over the same packages (issue 11); dev.wharf.oci reaches the
        // rest of the node only through OciRegistryPort.
        OciApi.register(environment, new OciRegistryPort(metadata, blobs, publishes, tokens, downloads),
                dataDir.resolve("spool").resolve("oci"), config.maxUploadMb * 1024L * 1024L,
                config.registryUrl, config.ociNamespacePrefix);

        // Names such as run:calc/calculator arrive with an encoded slash inside one segment.
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
    }

    private static BlobStore blobStore(WharfConfiguration config, Path dataDir) throws java.io.IOException {
        return switch (config.blobs.type) {
            case "file" -> new FileBlobStore(config.blobs.directory.isBlank()
                    ? dataDir.resolve("blobs") : Path.of(config.blobs.directory));
            case "s3" -> {
                S3BlobStore s3 = new S3BlobStore(config.blobs.s3);
                try {
                    s3.ensureBucket();
                } catch (java.io.IOException e) {
                    // The node may start before its S3; the blobs health check says so until it is back.
                    LOG.warn("blob store not reachable at start-up: {}", e.getMessage());
                }
                yield s3;
            }
            default -> throw new IllegalArgumentException("unknown blob store type " + config.blobs.type + " (file or s3)");
        };
    }

    private static Managed closing(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }
}
