package dev.wharf.node;

import dev.wharf.registry.PublishTokens;
import dev.wharf.admin.AuditResource;
import dev.wharf.admin.TokensResource;
import dev.wharf.governance.TokenRegistry;
import dev.wharf.governance.TokenService;
import dev.wharf.governance.YankService;
import dev.wharf.projection.TokenProjection;
import dev.wharf.yank.YankResource;
import dev.wharf.ports.BlobStore;
import dev.wharf.blob.FileBlobStore;
import dev.wharf.blob.S3BlobStore;
import dev.wharf.browse.BrowseResource;
import dev.wharf.config.EnvironmentLookup;
import dev.wharf.downloads.DownloadHistory;
import dev.wharf.edge.ServerEdge;
import dev.wharf.errors.ErrorMappers;
import dev.wharf.kafka.EventLog;
import dev.wharf.projection.EventTail;
import dev.wharf.kafka.EventTopic;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.projection.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.metrics.RegistryMetrics;
import dev.wharf.oci.OciApi;
import dev.wharf.oci.OciRegistryPort;
import dev.wharf.packages.ArtifactResource;
import dev.wharf.packages.HotReads;
import dev.wharf.packages.DownloadCounter;
import dev.wharf.packages.MetadataAnswers;
import dev.wharf.registry.PackageReads;
import dev.wharf.packages.DownloadsResource;
import dev.wharf.packages.PackageListResource;
import dev.wharf.packages.PackagesResource;
import dev.wharf.publish.PublishResource;
import dev.wharf.registry.PublishService;
import dev.wharf.publish.PublishSlots;
import dev.wharf.publish.PublishStatusResource;
import dev.wharf.publish.RefusedUploadCloses;
import dev.wharf.publish.UploadSpool;
import dev.wharf.registry.PackageSearch;
import dev.wharf.replica.SearchReplica;
import dev.wharf.replica.SearchSnapshots;
import dev.wharf.ports.SnapshotStore;
import dev.wharf.search.SearchResource;
import dev.wharf.standalone.DataDirLock;
import dev.wharf.standalone.EmbeddedKafkaBroker;
import dev.wharf.stats.StatsResource;
import dev.wharf.stats.Uptime;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.metadata.VerdictListener;
import dev.wharf.registry.VerdictBoard;
import dev.wharf.standalone.DataDir;
import io.dropwizard.core.Application;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.views.common.ViewBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * An api-node: the Run registry protocol over HTTP. In standalone mode the same JVM also runs
 * a Kafka broker, the metadata projection (the indexer) and a file blob store, so one command
 * gives a complete registry; in cluster mode those are external and this node is stateless
 * apart from its search replica, a cache of the log.
 */
public class WharfApplication extends Application<WharfConfiguration> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WharfApplication.class);

    private volatile KafkaSettings logSettings;

    /**
     * The log this node reads and writes, once it runs (in standalone, its embedded broker's
     * address, which the configuration does not hold): for benchmarks that feed a node's log.
     */
    public KafkaSettings logSettings() {
        return logSettings;
    }

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
        bootstrap.addCommand(new dev.wharf.backup.RestoreCommand());
    }

    @Override
    public void run(WharfConfiguration config, Environment environment) throws Exception {
        DataDir dataDir = config.layout();
        Files.createDirectories(dataDir.root());

        DataDirLock lock = null;
        EmbeddedKafkaBroker broker = null;
        if (config.embeddedKafka || config.embeddedIndexer) {
            // Registered first so it is released last, after the broker and the database close.
            lock = DataDirLock.acquire(dataDir.root());
            environment.lifecycle().manage(lock);
        }
        // The log, on a thread of its own: the embedded broker's start and the topic's
        // provisioning are the longest wait of a start-up (1.5-2.5 s of wall time with the AOT
        // cache, 10-15 s without, issue 12), and SQLite's migration, Jdbi and the Lucene index
        // need no log, so they are built meanwhile (wire). Nothing that reads or writes the log
        // is built before it is there, and Jetty starts after run() returns, as before.
        CompletableFuture<KafkaSettings> log;
        if (config.embeddedKafka) {
            EmbeddedKafkaBroker embedded = new EmbeddedKafkaBroker(dataDir.kafka(), 0);
            broker = embedded;
            environment.lifecycle().manage(broker);
            log = starting("log-start", () -> {
                embedded.start();
                KafkaSettings settings = config.kafka.withBootstrapServers(embedded.bootstrapServers());
                EventTopic.ensure(settings);
                return settings;
            });
        } else {
            log = starting("log-start", () -> {
                EventTopic.ensure(config.kafka);
                return config.kafka;
            });
        }
        try {
            wire(config, log, environment);
        } catch (Exception | Error e) {
            // Jetty never started, so its lifecycle will not stop what was started by hand here.
            // stop() waits for a start still under way (both are synchronized).
            if (broker != null) broker.stop();
            if (lock != null) lock.close();
            throw e;
        }
    }

    /** Runs {@code work} on a new platform thread named {@code name}. */
    private static <T> CompletableFuture<T> starting(String name, java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The log's settings once it is up, or what stopped it, as thrown at start-up. */
    private static KafkaSettings awaitLog(CompletableFuture<KafkaSettings> log) throws Exception {
        try {
            return log.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /**
     * The composition root: every engine adapter is built here and handed, behind its port, to
     * the core's services; the resources get the services. {@code log} completes with the
     * configured log's settings, or the embedded broker's, once it is up and its topic exists.
     */
    private void wire(WharfConfiguration config, CompletableFuture<KafkaSettings> log, Environment environment) throws Exception {
        // First what needs no log, while the log starts (run).
        ManagedDataSource dataSource = config.metadataDatabase().build(environment.metrics(), "metadata");
        MetadataStore.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, config.metadataDatabase(), dataSource, "metadata");
        MetadataStore metadata = new MetadataStore(jdbi);

        RegistryMetrics metrics = new RegistryMetrics(environment.metrics());
        BlobStore store = blobStore(config);
        BlobStore blobs = metrics.metered(store);
        // A node without an index of this build's layout starts from the latest snapshot, if any,
        // and replays only the log after it (issue 12); done before the index opens, while the
        // log starts.
        if (config.searchSnapshotEvery > 0) SearchSnapshots.bootstrap((SnapshotStore) store, config.searchDirectory());
        SearchReplica replica = new SearchReplica(config.searchDirectory(), config.searchCacheHits,
                config.searchDownloadCountsDelay.toJavaDuration());
        environment.metrics().registerGauge("wharf.replica.resumed_records", () -> replica.resumedFrom().values().stream().mapToLong(Long::longValue).sum());
        environment.metrics().registerGauge("wharf.replica.applied_records", replica::appliedEvents);

        KafkaSettings kafka = awaitLog(log);
        logSettings = kafka;
        EventLog eventLog = new EventLog(kafka, config.appendTimeout.toJavaDuration());
        environment.lifecycle().manage(closing(eventLog));

        // Verdicts reach waiting publishes from the projection in this JVM, or, when indexers run
        // elsewhere, from PostgreSQL's notifications of their commits.
        VerdictBoard verdicts = new VerdictBoard(metadata::outcome);
        PackageReads reads = new PackageReads(metadata);
        // Answers are dropped when an event about their package is applied: by this JVM's metadata
        // projection once it has committed (standalone: the store the answers are read from, so
        // nothing stale is kept past maxAge's safety net of 10 minutes), or else by the search
        // replica (cluster: the indexer commits elsewhere, so an answer built in between lives at
        // most DOWNLOAD_FLUSH_INTERVAL).
        boolean localStore = !metadata.isPostgres();
        MetadataAnswers answers = new MetadataAnswers(reads, config.registryUrl,
                localStore ? java.time.Duration.ofMinutes(10) : config.downloadFlushInterval.toJavaDuration(), localStore);
        if (config.embeddedIndexer) {
            EventTail tail = EventTail.inGroup(kafka, new MetadataProjection(metadata, verdicts::announce, answers::changed),
                    "wharf-indexer").start();
            environment.lifecycle().manage(closing(tail));
            environment.healthChecks().register("indexer", new DependencyChecks.Tail(tail, Long.MAX_VALUE));
        }
        if (metadata.isPostgres()) {
            DataSourceFactory db = config.metadataDatabase();
            VerdictListener listener = new VerdictListener(db.getUrl(), db.getUser(), db.getPassword(),
                    verdicts::announceIds, verdicts::recheck).start();
            environment.lifecycle().manage(closing(listener));
        }
        environment.metrics().registerGauge("search.page-cache.hit-rate", () -> replica.pageCacheStats().hitRate());
        environment.metrics().registerGauge("search.page-cache.requests", () -> replica.pageCacheStats().requestCount());
        EventTail replicaTail = EventTail.everyPartition(kafka, replica).start();
        // Stop order is the reverse of registration: the tail stops before the index closes.
        environment.lifecycle().manage(closing(replica));
        environment.lifecycle().manage(closing(replicaTail));
        metrics.replicaLag(replicaTail);
        if (config.searchSnapshotEvery > 0 && config.searchSnapshotPublish) {
            long every = config.searchSnapshotEvery;
            // Registered after the replica, so stopped before it closes.
            SearchSnapshots snapshots = new SearchSnapshots(replica, (SnapshotStore) store, every,
                    () -> replicaTail.lag() >= 0 && replicaTail.lag() < every,
                    config.layout().root().resolve("search-snapshots"), config.node()).start();
            environment.lifecycle().manage(closing(snapshots));
        }
        environment.lifecycle().manage(closing(metrics.logEndOffsets(kafka)));

        DownloadCounter downloads = new DownloadCounter(eventLog, config.downloadFlushInterval.toJavaDuration(), config.node());
        environment.lifecycle().manage(downloads);

        // Managed tokens: every node applies the token events itself, from the log's start, so a
        // token issued or revoked on any node works (or stops) here within the tail's latency.
        TokenRegistry managedTokens = new TokenRegistry();
        EventTail tokenTail = EventTail.everyPartition(kafka, new TokenProjection(managedTokens)).start();
        environment.lifecycle().manage(closing(tokenTail));
        environment.healthChecks().register("tokens", new DependencyChecks.Tail(tokenTail, 1_000));
        PublishTokens tokens = new PublishTokens(config.adminToken, config.tokens, managedTokens, Clock.systemUTC());
        PublishService publishes = new PublishService(tokens, new WasmInspector(), blobs, eventLog, metadata, verdicts,
                new LocalReplica(replicaTail, replica), config.appendTimeout.toJavaDuration(),
                config.publishAckTimeout.toJavaDuration(), Clock.systemUTC(), config.node());
        TokenService tokenService = new TokenService(managedTokens, eventLog, tokenTail::awaitApplied,
                config.appendTimeout.toJavaDuration(), Clock.systemUTC(), config.node());
        YankService yanks = new YankService(eventLog, metadata, verdicts, new LocalReplica(replicaTail, replica),
                config.appendTimeout.toJavaDuration(),
                config.publishAckTimeout.toJavaDuration(), Clock.systemUTC(), config.node());
        UploadSpool spool = new UploadSpool(config.layout().spool(), config.maxUploadMb * 1024L * 1024L);
        environment.lifecycle().manage(spool);
        // Without a projection in this JVM (cluster), the replica is what hears of a change here;
        // with one, its commit already dropped the answers, and a second drop would only rebuild them.
        if (!config.embeddedIndexer) replica.onPackageChanged(answers::changed);
        PackageSearch search = new PackageSearch(replica);
        Uptime uptime = new Uptime();

        DependencyChecks.Kafka kafkaCheck = new DependencyChecks.Kafka(kafka);
        environment.lifecycle().manage(closing(kafkaCheck));
        environment.healthChecks().register("kafka", kafkaCheck);
        environment.healthChecks().register("blobs", new DependencyChecks.Blobs(blobs));
        environment.healthChecks().register("search-replica", new DependencyChecks.Tail(replicaTail, 1_000));

        // Hostile input (issue 14): Jetty's own errors in JSON, admin tasks gated, tokens out of logs.
        ServerEdge.install(environment, config.adminTasks, config.adminToken, config.tokens);
        var jersey = environment.jersey();
        jersey.register(new ErrorMappers.RefusalMapper());
        jersey.register(new ErrorMappers.WebApplicationMapper());
        jersey.register(new ErrorMappers.UnexpectedMapper());
        jersey.register(new ErrorMappers.JsonMapper());
        if (config.rateLimitPerMinute != null && config.rateLimitPerMinute > 0) {
            jersey.register(new RateLimit(config.rateLimitPerMinute, TrustedProxies.parse(config.trustedProxies)));
        }
        jersey.register(new HealthResource(new NodeHealth(environment.healthChecks(), uptime)));
        jersey.register(new PackageListResource(reads));
        jersey.register(new PackagesResource(reads, answers));
        PublishSlots slots = new PublishSlots(config.maxConcurrentPublishes, config.maxConcurrentPublishesPerToken);
        jersey.register(new PublishResource(tokens, spool, publishes, config.registryUrl, slots, metrics));
        jersey.register(new RefusedUploadCloses(spool));
        jersey.register(new PublishStatusResource(publishes));
        jersey.register(new TokensResource(tokens, tokenService));
        jersey.register(new AuditResource(tokens, metadata));
        jersey.register(new YankResource(tokens, yanks, config.registryUrl, environment.getObjectMapper()));
        jersey.register(new ArtifactResource(reads, blobs, downloads,
                config.blobs.type.equals("s3") && config.blobs.s3.presignDownloads));
        jersey.register(new SearchResource(search, config.registryUrl));
        jersey.register(new StatsResource(metadata, uptime));
        DownloadHistory downloadHistory = new DownloadHistory(metadata, java.time.Clock.systemUTC());
        jersey.register(new DownloadsResource(reads, downloadHistory));
        jersey.register(new BrowseResource(metadata, reads, search, config.registryUrl, downloadHistory));

        OperatorsKit.install(config, kafka, environment, metrics, blobs, metadata);
        // After OperatorsKit's CORS filter (filters run in the order they are added), so a
        // cross-origin publish is refused by CORS first.
        environment.servlets().addFilter("full-node-refusals", new dev.wharf.publish.FullNodeRefusals(tokens, slots, spool, metrics))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/api/v1/packages");
        // In front of Dropwizard's whole handler chain, put there as the server starts; left out
        // when a rate limit must see every request.
        HotReads hot = config.rateLimitPerMinute == null || config.rateLimitPerMinute <= 0
                ? new HotReads(answers, reads, config.blobs.type.equals("file") ? blobs : null, downloads, metrics)
                : null;
        environment.lifecycle().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                if (!(event instanceof org.eclipse.jetty.server.Server server)) return;
                if (hot != null) hot.install(server);
                if (!config.requestLog) server.setRequestLog(null);
            }
        });
        // The OCI distribution API over the same packages (issue 11); dev.wharf.oci reaches the
        // rest of the node only through OciRegistryPort.
        OciApi.register(environment, new OciRegistryPort(metadata, blobs, publishes, tokens, downloads),
                config.layout().ociUploads(), config.maxUploadMb * 1024L * 1024L,
                config.registryUrl, config.ociNamespacePrefix);

        // Names such as run:calc/calculator arrive with an encoded slash inside one segment.
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
    }

    private static BlobStore blobStore(WharfConfiguration config) throws java.io.IOException {
        return switch (config.blobs.type) {
            case "file" -> new FileBlobStore(config.blobDirectory());
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
