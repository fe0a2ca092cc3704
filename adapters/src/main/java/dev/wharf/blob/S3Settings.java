package dev.wharf.blob;

import java.time.Duration;

/**
 * Where the S3 blob store lives and how to reach it, bound from the {@code blobs.s3} section
 * of a node's YAML. Public fields with defaults, so a config may name only what differs.
 */
public class S3Settings {

    /** The S3 API base URL as this process reaches it, e.g. {@code http://minio:9000}. */
    public String endpoint = "http://127.0.0.1:9000";

    /**
     * Set so the SDK never asks the server for a bucket's region (one round trip fewer, and
     * presigning stays offline). MinIO and S3Proxy accept any region.
     */
    public String region = "us-east-1";

    public String bucket = "wharf-blobs";

    public String accessKey = "";

    public String secretKey = "";

    /** {@code http://host/bucket/key} rather than {@code http://bucket.host/key}; MinIO and S3Proxy want path style. */
    public boolean pathStyle = true;

    /** Answer downloads with a redirect to a presigned URL instead of streaming through the node. */
    public boolean presignDownloads = false;

    /** How long a presigned download URL stays valid (ISO-8601 in YAML, e.g. {@code PT15M}); at most 7 days. */
    public Duration presignTtl = Duration.ofMinutes(15);

    /**
     * The endpoint clients use for presigned URLs, when it differs from {@link #endpoint}
     * (inside Docker the nodes reach {@code http://minio:9000}, browsers do not). The host is
     * part of the signature, so the URL is signed for this endpoint rather than rewritten.
     * Empty: the same as {@code endpoint}.
     */
    public String publicEndpoint = "";

    public S3Settings() {}

    public S3Settings(String endpoint, String bucket, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Refuses settings the store cannot start with, naming the field to fix. */
    void validate() {
        require(endpoint, "endpoint");
        require(region, "region");
        require(bucket, "bucket");
        require(accessKey, "accessKey");
        require(secretKey, "secretKey");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("blobs.s3.bucket '" + bucket
                    + "' is not an S3 bucket name (3-63 lower-case letters, digits, '.' and '-')");
        }
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new IllegalArgumentException("blobs.s3.endpoint must be an http:// or https:// URL, not '" + endpoint + "'");
        }
        if (presignTtl == null || presignTtl.isNegative() || presignTtl.isZero() || presignTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("blobs.s3.presignTtl must be between 1 second and 7 days");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("blobs.s3." + field + " is required");
        }
    }

    @Override
    public String toString() {
        // Never the secret: settings end up in logs.
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", pathStyle=" + pathStyle + ", presignDownloads=" + presignDownloads + "]";
    }
}
