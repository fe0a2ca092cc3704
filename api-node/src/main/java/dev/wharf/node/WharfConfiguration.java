package dev.wharf.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.kafka.KafkaSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import dev.wharf.standalone.DataDir;
import io.dropwizard.util.Duration;
import java.nio.file.Path;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** An api-node's configuration; see ops/config/*.yml and the README's table for the defaults. */
public class WharfConfiguration extends Configuration {

    /** Public base URL, used to build absolute {@code download_url}s. */
    @JsonProperty @NotNull
    public String registryUrl = "http://localhost:8080";

    /** Where a standalone node keeps its broker log, blobs, SQLite file and search index. */
    @JsonProperty @NotNull
    public String dataDir = "./data";

    @JsonProperty @Min(1) @Max(4096)
    public int maxUploadMb = 50;

    /** OCI repositories are {@code <prefix>namespace/package}; empty, or ending with '/'. */
    @JsonProperty @NotNull
    public String ociNamespacePrefix = "";

    /** Publishes in any namespace; empty disables it. */
    @JsonProperty
    public String adminToken = "";

    /** {@code ns1:tok1,ns2:tok2}: each token publishes only in its namespace. */
    @JsonProperty
    public String tokens = "";

    /** Requests per minute per client address; 0 or empty means no limit. */
    @JsonProperty
    public Integer rateLimitPerMinute = 0;

    /** How long a publish waits for the log's verdict before answering 202 with a status URL. */
    @JsonProperty @NotNull
    public Duration publishAckTimeout = Duration.seconds(10);

    /** How long appending an event may take before the publish fails with 503 (nothing was published). */
    @JsonProperty @NotNull
    public Duration appendTimeout = Duration.seconds(15);

    /** How often counted downloads are appended to the log. */
    @JsonProperty @NotNull
    public Duration downloadFlushInterval = Duration.seconds(5);

    /** Run a single-node Kafka broker inside this JVM (standalone). */
    @JsonProperty
    public boolean embeddedKafka = false;

    /** Run the metadata projection (the indexer) inside this JVM (standalone). */
    @JsonProperty
    public boolean embeddedIndexer = false;

    /** Where this node's Lucene search replica lives; a cache that can be deleted at any time. */
    @JsonProperty
    public String searchIndexDir = "";

    /** Hits kept in answered search pages of the current index version (repeated searches skip Lucene); 0 turns the cache off. */
    @JsonProperty @Min(0)
    public int searchCacheHits = dev.wharf.replica.SearchReplica.DEFAULT_CACHED_HITS;

    /** New download counts reach search (ranking, sort=downloads, hits' downloads) within this; new versions at once. */
    @JsonProperty @NotNull
    public Duration searchDownloadCountsDelay = Duration.seconds(dev.wharf.replica.SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY.toSeconds());

    /**
     * Search snapshots (issue 12): a node whose index directory is empty (or of another layout)
     * starts from the latest snapshot in the blob store and replays only the log after it; a
     * publishing node uploads a new snapshot every this many log records. 0 turns both off.
     */
    @JsonProperty @Min(0)
    public long searchSnapshotEvery = 0;

    /** Whether this node publishes search snapshots (one node of the cluster is enough; see the README). */
    @JsonProperty
    public boolean searchSnapshotPublish = false;

    /** A name for this node in logs and download events. */
    @JsonProperty
    public String nodeId = "";

    // Operators' kit (issue 13).

    /** Proxies whose X-Forwarded-For names the client for the rate limit: addresses or CIDR blocks, comma-separated. */
    @JsonProperty
    public String trustedProxies = "";

    /** Origins whose web pages may publish (POST, PUT, DELETE) through CORS; {@code *} for any. Reads are open to every origin. */
    @JsonProperty
    public String corsWriteOrigins = "";

    /**
     * One line per request on stdout (server.requestLog says how). Off for a node behind a load
     * balancer that logs requests already: the line costs a quarter to a third of the CPU of a
     * metadata read (issue #12's JFR: building the access event, formatting, writing).
     */
    @JsonProperty
    public boolean requestLog = true;

    /** How often this node removes blobs no version references (cluster default: daily); 0 turns it off. */
    @JsonProperty @NotNull
    public Duration blobGcInterval = Duration.hours(0);

    /** Blob GC never removes a blob written more recently than this; must exceed appendTimeout (checked at start). */
    @JsonProperty @NotNull
    public Duration blobGcMinAge = Duration.hours(1);
    /** Publishes in flight on this node; past it a publish is answered 503 + Retry-After at once (issue 14). */
    @JsonProperty @Min(1)
    public int maxConcurrentPublishes = 64;

    /** Publishes in flight per token on this node; past it 429 + Retry-After. */
    @JsonProperty @Min(1)
    public int maxConcurrentPublishesPerToken = 32;

    /** The admin port's tasks (log levels, GC) answer only with the admin token; with none set they are off. */
    @JsonProperty
    public boolean adminTasks = false;

    @JsonProperty @Valid @NotNull
    public KafkaSettings kafka = new KafkaSettings();

    @JsonProperty @Valid @NotNull
    public BlobSettings blobs = new BlobSettings();

    /** Read it through {@link #metadataDatabase()}, which fills in a standalone node's SQLite file. */
    @JsonProperty @Valid @NotNull
    public DataSourceFactory database = new DataSourceFactory();

    /** Where this node's files live under {@link #dataDir}. */
    public DataDir layout() {
        return DataDir.at(dataDir);
    }

    /** The search replica's directory: {@link #searchIndexDir}, else the data directory's. */
    public Path searchDirectory() {
        return searchIndexDir.isBlank() ? layout().search() : Path.of(searchIndexDir);
    }

    /** The file blob store's directory: {@code blobs.directory}, else the data directory's. */
    public Path blobDirectory() {
        return blobs.directory.isBlank() ? layout().blobs() : Path.of(blobs.directory);
    }

    /** A SQLite URL that names no file: the data directory's own (what standalone.yml says). */
    static final String DATA_DIR_SQLITE = "jdbc:sqlite:";

    /**
     * The metadata database. A standalone config names SQLite without a file: it then lives
     * where {@link DataDir} says, derived once here rather than spelled again in the YAML.
     */
    public synchronized DataSourceFactory metadataDatabase() {
        if (DATA_DIR_SQLITE.equals(database.getUrl())) database.setUrl(layout().metadataJdbcUrl());
        return database;
    }

    /** This node's name in logs and download events; a random one when none is configured. */
    public synchronized String node() {
        if (resolvedNodeId == null) {
            resolvedNodeId = nodeId.isBlank() ? "node-" + java.util.UUID.randomUUID().toString().substring(0, 8) : nodeId;
        }
        return resolvedNodeId;
    }

    private String resolvedNodeId;

    /** Which blob store holds the bytes. */
    public static class BlobSettings {
        /** {@code file} (a directory, standalone) or {@code s3}. */
        @JsonProperty @NotNull
        public String type = "file";
        /** For {@code file}: the directory; empty means {@code DATA_DIR/blobs}. */
        @JsonProperty
        public String directory = "";
        /** For {@code s3}: endpoint, bucket, credentials, path style, presigned downloads. */
        @JsonProperty @NotNull
        public dev.wharf.blob.S3Settings s3 = new dev.wharf.blob.S3Settings();
    }
}
