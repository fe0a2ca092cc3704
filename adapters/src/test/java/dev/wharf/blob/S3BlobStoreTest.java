package dev.wharf.blob;

import dev.wharf.ports.BlobStore;

import dev.wharf.ports.BlobNotFound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.Sha256;
import dev.wharf.engines.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 blob store against a real S3 API (S3Proxy in a child JVM), through the MinIO SDK. */
class S3BlobStoreTest {

    private static final Random RANDOM = new Random(42);

    @TempDir
    static Path temp;

    static S3ProxyServer s3;
    static S3BlobStore store;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = S3ProxyServer.launch(temp);
        store = new S3BlobStore(s3.settings("wharf-blobs"));
        store.ensureBucket();
    }

    @AfterAll
    static void stopS3() throws IOException {
        if (store != null) store.close();
        if (s3 != null) s3.close();
    }

    @Test
    void aStoredBlobReadsBackWholeUnderItsContentAddress() throws Exception {
        Blob blob = blob(10_000);
        assertThat(store.exists(blob.sha256())).isFalse();

        store.put(blob.sha256(), blob.file(), blob.bytes().length);

        assertThat(store.exists(blob.sha256())).isTrue();
        assertThat(read(store.open(blob.sha256(), 0, -1))).isEqualTo(blob.bytes());
        String hex = blob.sha256().hex();
        assertThat(S3BlobStore.keyOf(blob.sha256())).isEqualTo("blobs/" + hex.substring(0, 2) + "/" + hex);
        assertThat(s3.dataDir().resolve("wharf-blobs").resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex))
                .as("the object sits under its content address").exists();
        store.check();
    }

    @Test
    void blobGcSeesEveryBlobWithItsWriteTimeAndDeletesOne() throws Exception {
        Blob kept = stored(1_000);
        Blob orphan = stored(2_000);

        assertThat(store.list()).extracting(BlobStore.Stored::sha256).contains(kept.sha256(), orphan.sha256());
        java.time.Instant written = store.written(orphan.sha256()).orElseThrow();
        assertThat(written).isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now().plusSeconds(600));

        store.delete(orphan.sha256());
        store.delete(orphan.sha256()); // already gone: not an error
        assertThat(store.exists(orphan.sha256())).isFalse();
        assertThat(store.written(orphan.sha256())).isEmpty();
        assertThat(store.list()).extracting(BlobStore.Stored::sha256).contains(kept.sha256()).doesNotContain(orphan.sha256());
    }

    @Test
    void puttingAStoredBlobAgainRenewsItsWriteTimeButNotItsBytes() throws Exception {
        Blob blob = stored(1_500);
        java.time.Instant first = store.written(blob.sha256()).orElseThrow();
        // Last-Modified has one-second resolution: put again until a later second shows.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        java.time.Instant renewed = first;
        while (!renewed.isAfter(first) && System.nanoTime() < deadline) {
            store.put(blob.sha256(), blob.file(), blob.bytes().length);
            renewed = store.written(blob.sha256()).orElseThrow();
        }
        assertThat(renewed).isAfter(first);
        assertThat(read(store.open(blob.sha256(), 0, -1))).isEqualTo(blob.bytes());
    }

    @Test
    void rangedReadsReturnExactlyTheRequestedBytes() throws Exception {
        Blob blob = stored(5_000);

        assertThat(read(store.open(blob.sha256(), 100, 50))).isEqualTo(Arrays.copyOfRange(blob.bytes(), 100, 150));
        assertThat(read(store.open(blob.sha256(), 4_990, -1))).isEqualTo(Arrays.copyOfRange(blob.bytes(), 4_990, 5_000));
        assertThat(read(store.open(blob.sha256(), 0, 1))).isEqualTo(new byte[] {blob.bytes()[0]});
        assertThat(read(store.open(blob.sha256(), 10, 0))).isEmpty();
        assertThat(read(store.open(blob.sha256(), 5_000, -1))).as("from the end: nothing, as a file answers").isEmpty();
    }

    @Test
    void aBlobLargerThanOnePartGoesUpInPartsAndReadsBackWhole() throws Exception {
        Blob blob = blob(12 * 1024 * 1024);

        store.put(blob.sha256(), blob.file(), blob.bytes().length);

        assertThat(Sha256.of(sha256(read(store.open(blob.sha256(), 0, -1))))).isEqualTo(blob.sha256());
        assertThat(read(store.open(blob.sha256(), 11 * 1024 * 1024, 16)))
                .isEqualTo(Arrays.copyOfRange(blob.bytes(), 11 * 1024 * 1024, 11 * 1024 * 1024 + 16));
    }

    @Test
    void aMissingBlobIsBlobNotFoundNotAnOutage() throws Exception {
        Sha256 never = Sha256.of(sha256(UUID.randomUUID().toString().getBytes()));

        assertThat(store.exists(never)).isFalse();
        assertThatThrownBy(() -> store.open(never, 0, -1)).isInstanceOf(BlobNotFound.class).hasMessageContaining(never.hex());
        assertThatThrownBy(() -> store.open(never, 10, 20)).isInstanceOf(BlobNotFound.class);
        assertThatThrownBy(() -> store.open(never, 0, 0)).isInstanceOf(BlobNotFound.class);
    }

    @Test
    void puttingABlobThatIsAlreadyStoredUploadsNothing() throws Exception {
        Blob blob = stored(2_000);
        // Same key and size, other bytes: were the second put to upload, the object would change.
        Path impostor = Files.write(temp.resolve(UUID.randomUUID() + ".bin"), randomBytes(2_000));

        store.put(blob.sha256(), impostor, 2_000);

        assertThat(read(store.open(blob.sha256(), 0, -1))).isEqualTo(blob.bytes());
    }

    @Test
    void aPutWhoseFileSizeDisagreesIsRefused() throws Exception {
        Blob blob = blob(1_000);

        assertThatThrownBy(() -> store.put(blob.sha256(), blob.file(), 999)).isInstanceOf(IOException.class)
                .hasMessageContaining("1000 bytes, not 999");
        assertThat(store.exists(blob.sha256())).isFalse();
    }

    @Test
    void aPresignedUrlDownloadsTheBlobWithAPlainHttpClient() throws Exception {
        Blob blob = stored(3_000);
        S3Settings settings = s3.settings("wharf-blobs");
        settings.presignDownloads = true;
        try (S3BlobStore presigning = new S3BlobStore(settings)) {
            URI url = presigning.presignedDownload(blob.sha256()).orElseThrow();

            assertThat(url.toString()).startsWith(s3.endpoint() + "/wharf-blobs/blobs/");
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(blob.bytes());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/wasm");
        }
    }

    @Test
    void aPresignedUrlIsSignedForThePublicEndpointWhenOneIsSet() throws Exception {
        Blob blob = stored(1_500);
        S3Settings settings = s3.settings("wharf-blobs");
        settings.presignDownloads = true;
        // Another name for the same server, as a browser would see MinIO behind Docker's network.
        settings.publicEndpoint = "http://localhost:" + s3.port();
        try (S3BlobStore presigning = new S3BlobStore(settings)) {
            URI url = presigning.presignedDownload(blob.sha256(), Duration.ofMinutes(2)).orElseThrow();

            assertThat(url.getHost()).isEqualTo("localhost");
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(blob.bytes());
        }
    }

    @Test
    void withoutPresigningThereIsNoDownloadUrl() throws Exception {
        Blob blob = stored(100);

        assertThat(store.presignedDownload(blob.sha256(), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aMissingBucketIsCreatedOnStartAndAgainOnFirstPut() throws Exception {
        try (S3BlobStore fresh = new S3BlobStore(s3.settings("bucket-" + UUID.randomUUID()))) {
            assertThatThrownBy(fresh::check).isInstanceOf(IOException.class).hasMessageContaining("has no bucket");

            Blob blob = blob(500);
            fresh.put(blob.sha256(), blob.file(), 500);

            fresh.check();
            fresh.ensureBucket();
            assertThat(read(fresh.open(blob.sha256(), 0, -1))).isEqualTo(blob.bytes());
        }
    }

    @Test
    void wrongCredentialsAreAClearErrorNotAMissingBlob() throws Exception {
        S3Settings settings = s3.settings("wharf-blobs");
        settings.secretKey = "not-the-secret";
        Blob blob = stored(100);
        try (S3BlobStore intruder = new S3BlobStore(settings)) {
            assertThatThrownBy(() -> intruder.open(blob.sha256(), 0, -1))
                    .isInstanceOf(IOException.class).isNotInstanceOf(BlobNotFound.class)
                    .hasMessageContaining("refused").hasMessageNotContaining("not-the-secret");
        }
    }

    @Test
    void whenTheStoreIsDownEveryCallFailsWithAnIOExceptionAndRecoversWhenItReturns() throws Exception {
        Blob before = stored(4_000);
        Blob during = blob(4_000);

        s3.kill();
        try {
            for (var call : new ThrowingCall[] {
                    () -> store.exists(before.sha256()),
                    () -> store.open(before.sha256(), 0, -1),
                    () -> store.put(during.sha256(), during.file(), 4_000),
                    store::check,
                    store::ensureBucket}) {
                assertThatThrownBy(call::run)
                        .isInstanceOf(IOException.class).isNotInstanceOf(BlobNotFound.class)
                        .hasMessageContaining("blob store at " + s3.endpoint() + " is unavailable");
            }
        } finally {
            s3.start();
        }

        store.check();
        assertThat(read(store.open(before.sha256(), 0, -1))).isEqualTo(before.bytes());
        assertThat(store.exists(during.sha256())).as("nothing half-written by the failed put").isFalse();
        store.put(during.sha256(), during.file(), 4_000);
        assertThat(read(store.open(during.sha256(), 0, -1))).isEqualTo(during.bytes());
    }

    @Test
    void settingsWithoutCredentialsOrWithABadBucketNameAreRefusedByName() {
        S3Settings settings = s3.settings("wharf-blobs");
        settings.secretKey = "";

        assertThatThrownBy(() -> new S3BlobStore(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blobs.s3.secretKey is required");
        assertThat(settings.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);

        S3Settings badBucket = s3.settings("Wharf_Blobs");
        assertThatThrownBy(() -> new S3BlobStore(badBucket)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blobs.s3.bucket 'Wharf_Blobs' is not an S3 bucket name");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    record Blob(Sha256 sha256, Path file, byte[] bytes) {}

    private static Blob blob(int size) throws IOException {
        byte[] bytes = randomBytes(size);
        Path file = Files.write(temp.resolve(UUID.randomUUID() + ".wasm"), bytes);
        return new Blob(Sha256.of(sha256(bytes)), file, bytes);
    }

    private static Blob stored(int size) throws IOException {
        Blob blob = blob(size);
        store.put(blob.sha256(), blob.file(), size);
        return blob;
    }

    private static synchronized byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
