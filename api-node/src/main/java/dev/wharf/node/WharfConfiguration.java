package dev.wharf.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.events.KafkaSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
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
    public int searchCacheHits = dev.wharf.search.SearchReplica.DEFAULT_CACHED_HITS;

    /** New download counts reach search (ranking, sort=downloads, hits' downloads) within this; new versions at once. */
    @JsonProperty @NotNull
    public Duration searchDownloadCountsDelay = Duration.seconds(dev.wharf.search.SearchReplica.DEFAULT_DOWNLOAD_COUNTS_DELAY.toSeconds());

    /** A name for this node in logs and download events. */
    @JsonProperty
    public String nodeId = "";

    @JsonProperty @Valid @NotNull
    public KafkaSettings kafka = new KafkaSettings();

    @JsonProperty @Valid @NotNull
    public BlobSettings blobs = new BlobSettings();

    @JsonProperty @Valid @NotNull
    public DataSourceFactory database = new DataSourceFactory();

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
