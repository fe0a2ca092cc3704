package dev.wharf.blob;

import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import dev.wharf.ports.SnapshotStore;

import dev.wharf.domain.Sha256;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Blobs as objects in an S3 bucket (MinIO in the cluster), for the cluster mode where every
 * api-node must see every blob. Keys are content addresses, {@code blobs/ab/abcdef…}: a key
 * always means the same bytes, so a put can be skipped when the object is already there and
 * any cache may keep a download forever.
 *
 * <p>Failures come out as two kinds: {@link BlobNotFound} when the object is missing, and a
 * plain {@link IOException} naming the endpoint for anything else (unreachable, refused,
 * misconfigured), which callers answer with 503.
 *
 * <p>Search snapshots ({@link SnapshotStore}) are objects under {@code snapshots/}, outside the
 * {@code blobs/} prefix that blob GC lists.
 */
public final class S3BlobStore implements BlobStore, SnapshotStore, AutoCloseable {

    private static final String CONTENT_TYPE = "application/wasm";
    private static final Map<String, String> IMMUTABLE = Map.of("Cache-Control", "public, max-age=31536000, immutable");
    private static final Set<String> MISSING_OBJECT = Set.of("NoSuchKey", "NoSuchObject", "ResourceNotFound");
    private static final Set<String> BUCKET_RACE_LOST = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");
    /**
     * One HTTP client for every store in the JVM (OkHttp's advice: it owns the connection pool
     * and threads). It also spares each store the SDK's default client, which re-reads every
     * certificate under SSL_CERT_DIR on creation (seconds here); the JVM trust store applies.
     * Read/write timeouts are per socket operation, not per object, so large uploads still fit.
     */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60))
            .protocols(List.of(Protocol.HTTP_1_1))
            .build();

    private final S3Settings settings;
    private final MinioClient client;
    private final MinioClient presigner;

    /** Makes no request: call {@link #ensureBucket()} on start-up (a node may start before its S3). */
    public S3BlobStore(S3Settings settings) {
        settings.validate();
        this.settings = settings;
        this.client = client(settings, settings.endpoint);
        this.presigner = settings.publicEndpoint == null || settings.publicEndpoint.isBlank()
                ? client : client(settings, settings.publicEndpoint);
    }

    private static MinioClient client(S3Settings settings, String endpoint) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .region(settings.region)
                .credentials(settings.accessKey, settings.secretKey)
                .httpClient(HTTP, false)
                .build();
        if (settings.pathStyle) client.disableVirtualStyleEndpoint();
        else client.enableVirtualStyleEndpoint();
        return client;
    }

    /** The object key of a blob; the hex is validated by {@link Sha256}, never a client's name. */
    public static String keyOf(Sha256 sha256) {
        return "blobs/" + sha256.hex().substring(0, 2) + "/" + sha256.hex();
    }

    public S3Settings settings() {
        return settings;
    }

    /** Creates the bucket unless it exists. Several nodes may race here at start-up; all of them win. */
    public void ensureBucket() throws IOException {
        try {
            String action = "create bucket " + settings.bucket;
            if (call(action, () -> client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket).build()))) return;
            call(action, () -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket).build());
                return null;
            });
        } catch (MinioException e) {
            if (BUCKET_RACE_LOST.contains(errorCode(e))) return;
            throw failure("create bucket " + settings.bucket, e);
        }
    }

    @Override
    public void put(Sha256 sha256, Path file, long size) throws IOException {
        long actual = Files.size(file);
        if (actual != size) {
            throw new IOException("refusing to store " + sha256 + ": the file has " + actual + " bytes, not " + size);
        }
        if (sizeOf(sha256).orElse(-1) == size) {
            touch(sha256);
            return;
        }
        try {
            upload(sha256, file);
        } catch (MinioException e) {
            if (!"NoSuchBucket".equals(errorCode(e))) throw failure("store " + sha256, e);
            // The bucket went away (a wiped MinIO, a node started before the bucket job): make it and retry once.
            ensureBucket();
            try {
                upload(sha256, file);
            } catch (MinioException again) {
                throw failure("store " + sha256, again);
            }
        }
    }

    /**
     * Renews the object's Last-Modified without moving its bytes (a copy onto itself, which S3
     * allows only with REPLACE metadata, so the same headers are given again): blob GC then sees
     * that a publish relies on these bytes now.
     */
    private void touch(Sha256 sha256) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>(IMMUTABLE);
        headers.put("Content-Type", CONTENT_TYPE);
        try {
            call("touch " + sha256, () -> client.copyObject(io.minio.CopyObjectArgs.builder()
                    .bucket(settings.bucket).object(keyOf(sha256))
                    .source(io.minio.SourceObject.builder().bucket(settings.bucket).object(keyOf(sha256)).build())
                    .metadataDirective(io.minio.Directive.REPLACE).headers(headers).build()));
        } catch (MinioException e) {
            throw failure("touch " + sha256, e);
        }
    }

    private void upload(Sha256 sha256, Path file) throws MinioException, IOException {
        // A single PUT or a completed multipart upload: either way the object appears whole or not at all.
        call("store " + sha256, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(settings.bucket)
                .object(keyOf(sha256))
                .filename(file.toString())
                .contentType(CONTENT_TYPE)
                .extraHeaders(IMMUTABLE)
                .build()));
    }

    @Override
    public java.util.List<Stored> list() throws IOException {
        java.util.List<Stored> stored = new java.util.ArrayList<>();
        try {
            for (io.minio.Result<io.minio.messages.Item> r : call("list blobs", () -> client.listObjects(
                    io.minio.ListObjectsArgs.builder().bucket(settings.bucket).prefix("blobs/").recursive(true).build()))) {
                io.minio.messages.Item item = call("list blobs", r::get);
                String key = item.objectName();
                String hex = key.substring(key.lastIndexOf('/') + 1);
                if (item.isDir() || !hex.matches("[0-9a-f]{64}")) continue;
                stored.add(new Stored(new Sha256(hex), item.lastModified().toInstant()));
            }
        } catch (MinioException e) {
            throw failure("list blobs", e);
        }
        return stored;
    }

    @Override
    public Optional<java.time.Instant> written(Sha256 sha256) throws IOException {
        try {
            return Optional.of(call("look up " + sha256, () -> client.statObject(StatObjectArgs.builder()
                    .bucket(settings.bucket).object(keyOf(sha256)).build())).lastModified().toInstant());
        } catch (MinioException e) {
            if (isMissingObject(e)) return Optional.empty();
            throw failure("look up " + sha256, e);
        }
    }

    @Override
    public void delete(Sha256 sha256) throws IOException {
        try {
            call("delete " + sha256, () -> {
                client.removeObject(io.minio.RemoveObjectArgs.builder().bucket(settings.bucket).object(keyOf(sha256)).build());
                return null;
            });
        } catch (MinioException e) {
            if (!isMissingObject(e)) throw failure("delete " + sha256, e);
        }
    }

    @Override
    public boolean exists(Sha256 sha256) throws IOException {
        return sizeOf(sha256).isPresent();
    }

    private OptionalLong sizeOf(Sha256 sha256) throws IOException {
        try {
            return OptionalLong.of(call("look up " + sha256, () -> client.statObject(StatObjectArgs.builder()
                    .bucket(settings.bucket).object(keyOf(sha256)).build())).size());
        } catch (MinioException e) {
            if (isMissingObject(e)) return OptionalLong.empty();
            throw failure("look up " + sha256, e);
        }
    }

    @Override
    public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
        if (length == 0) {
            // S3 has no empty range; still answer BlobNotFound for a missing blob.
            if (!exists(sha256)) throw new BlobNotFound(sha256);
            return InputStream.nullInputStream();
        }
        GetObjectArgs.Builder request = GetObjectArgs.builder().bucket(settings.bucket).object(keyOf(sha256));
        if (offset > 0) request.offset(offset);
        if (length > 0) request.length(length);
        try {
            return call("read " + sha256, () -> client.getObject(request.build()));
        } catch (MinioException e) {
            if (isMissingObject(e)) throw new BlobNotFound(sha256);
            // Past the end: nothing to read, as a file would answer.
            if ("InvalidRange".equals(errorCode(e))) return InputStream.nullInputStream();
            throw failure("read " + sha256, e);
        }
    }

    /**
     * A GET URL for the blob signed for {@code validFor} (the configured TTL when null), when
     * presigned downloads are on. Signing is local: no request to the store.
     */
    @Override
    public Optional<URI> presignedDownload(Sha256 sha256, Duration validFor) throws IOException {
        if (!settings.presignDownloads) return Optional.empty();
        Duration ttl = validFor == null ? settings.presignTtl : validFor;
        int seconds = (int) Math.clamp(ttl.toSeconds(), 1, Duration.ofDays(7).toSeconds());
        try {
            return Optional.of(URI.create(call("sign a download of " + sha256,
                    () -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                            .method(Http.Method.GET)
                            .bucket(settings.bucket)
                            .object(keyOf(sha256))
                            .expiry(seconds)
                            .build()))));
        } catch (MinioException e) {
            throw failure("sign a download of " + sha256, e);
        }
    }

    /** A presigned URL valid for the configured TTL. */
    @Override
    public Optional<URI> presignedDownload(Sha256 sha256) throws IOException {
        return presignedDownload(sha256, settings.presignTtl);
    }

    private static String snapshotKey(String name) {
        return "snapshots/" + SnapshotStore.checkName(name);
    }

    @Override
    public void write(String name, Path file) throws IOException {
        // One PUT, or a multipart upload completed at once (the SDK splits files over 5 MiB):
        // either way the object appears whole or not at all, replacing the previous one.
        try {
            call("store snapshot " + name, () -> client.uploadObject(UploadObjectArgs.builder()
                    .bucket(settings.bucket).object(snapshotKey(name)).filename(file.toString())
                    .contentType("application/octet-stream").build()));
        } catch (MinioException e) {
            throw failure("store snapshot " + name, e);
        }
    }

    @Override
    public Optional<InputStream> read(String name) throws IOException {
        try {
            return Optional.of(call("read snapshot " + name,
                    () -> client.getObject(GetObjectArgs.builder().bucket(settings.bucket).object(snapshotKey(name)).build())));
        } catch (MinioException e) {
            if (isMissingObject(e)) return Optional.empty();
            throw failure("read snapshot " + name, e);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            call("delete snapshot " + name, () -> {
                client.removeObject(io.minio.RemoveObjectArgs.builder().bucket(settings.bucket).object(snapshotKey(name)).build());
                return null;
            });
        } catch (MinioException e) {
            if (!isMissingObject(e)) throw failure("delete snapshot " + name, e);
        }
    }

    @Override
    public void check() throws IOException {
        boolean exists;
        try {
            exists = call("check bucket " + settings.bucket,
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket).build()));
        } catch (MinioException e) {
            throw failure("check bucket " + settings.bucket, e);
        }
        if (!exists) {
            throw new IOException("blob store at " + settings.endpoint + " has no bucket " + settings.bucket);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
            if (presigner != client) presigner.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the S3 client failed", e);
        }
    }

    private static boolean isMissingObject(MinioException e) {
        if (!(e instanceof ErrorResponseException response)) return false;
        if (MISSING_OBJECT.contains(response.errorResponse().code())) return true;
        // A HEAD has no error body; a 404 on an object that is not about the bucket means the key is absent.
        return response.response() != null && response.response().code() == 404
                && !"NoSuchBucket".equals(response.errorResponse().code());
    }

    private static String errorCode(MinioException e) {
        return e instanceof ErrorResponseException response && response.errorResponse() != null
                ? response.errorResponse().code() : null;
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws MinioException;
    }

    /**
     * Runs one SDK call. The SDK reports transport failures (connection refused, timeouts) as an
     * unchecked IllegalStateException around the cause; those become the IOException callers expect.
     */
    private <T> T call(String action, S3Call<T> call) throws MinioException, IOException {
        try {
            return call.run();
        } catch (IllegalStateException e) {
            throw unavailable(action, e);
        }
    }

    /** One message for operators: what failed, where, and why, without the credentials. */
    private IOException failure(String action, MinioException e) {
        if (e instanceof ErrorResponseException response && response.errorResponse() != null) {
            return new IOException("blob store at " + settings.endpoint + " refused to " + action + ": "
                    + response.errorResponse().code() + " " + response.errorResponse().message(), e);
        }
        return unavailable(action, e);
    }

    private IOException unavailable(String action, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return new IOException("blob store at " + settings.endpoint + " is unavailable (could not " + action + "): "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
    }
}
