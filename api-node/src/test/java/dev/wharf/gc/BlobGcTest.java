package dev.wharf.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.blob.FileBlobStore;
import dev.wharf.domain.Sha256;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.RunningRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator runs {@code ops/wharf gc} (POST /tasks/blob-gc on the admin port) on a running
 * registry: blobs no version references and older than BLOB_GC_MIN_AGE go; a referenced blob
 * never goes, however old; an orphan younger than that stays (its publish may still be appending);
 * and a publish of bytes already stored as an old orphan makes them young again.
 */
class BlobGcTest {

    @TempDir
    Path data;

    @Test
    void gc_removes_old_orphans_and_nothing_a_version_or_a_publish_in_flight_needs() throws Exception {
        try (RunningRegistry registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", "admin-secret"))) {
            RunProtocol run = new RunProtocol(registry.url());
            Path wasm = Fixtures.component("component/example-calculator-1.1.0.wasm");
            byte[] published = Files.readAllBytes(wasm);
            assertThat(run.publish("admin-secret", "acme:calc", "1.0.0", wasm).status()).isEqualTo(201);

            Path blobDir = data.resolve("blobs");
            FileBlobStore blobs = new FileBlobStore(blobDir);
            Sha256 referenced = Sha256.parse(RunProtocol.sha256(published));
            Sha256 oldOrphan = orphan(blobs, data, "bytes of a publish that lost its race");
            Sha256 youngOrphan = orphan(blobs, data, "bytes of a publish still appending");
            Sha256 revived = orphan(blobs, data, "bytes published again later");
            Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
            for (Sha256 s : List.of(referenced, oldOrphan, revived)) age(blobDir, s, twoHoursAgo);
            // Publishing the revived bytes re-writes the stored blob: it is young again.
            Path revivedFile = data.resolve("revived.bin");
            Files.writeString(revivedFile, "bytes published again later");
            blobs.put(revived, revivedFile, Files.size(revivedFile));

            JsonNode report = gc(registry);
            assertThat(report.get("deleted")).extracting(JsonNode::asText).containsExactly(oldOrphan.hex());
            assertThat(blobs.exists(oldOrphan)).isFalse();
            assertThat(blobs.exists(referenced)).isTrue();
            assertThat(blobs.exists(youngOrphan)).isTrue();
            assertThat(blobs.exists(revived)).isTrue();
            RunProtocol.Answer download = run.download("acme:calc", "1.0.0");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(published);

            // Nothing more to do the second time.
            assertThat(gc(registry).get("deleted")).isEmpty();
        }
    }

    private static Sha256 orphan(FileBlobStore blobs, Path data, String content) throws Exception {
        Path file = Files.createTempFile(data, "orphan", ".bin");
        Files.writeString(file, content);
        Sha256 sha = Sha256.parse(RunProtocol.sha256(Files.readAllBytes(file)));
        blobs.put(sha, file, Files.size(file));
        return sha;
    }

    private static void age(Path blobDir, Sha256 sha, Instant when) throws Exception {
        Files.setLastModifiedTime(blobDir.resolve(sha.hex().substring(0, 2)).resolve(sha.hex()), FileTime.from(when));
    }

    private static JsonNode gc(RunningRegistry registry) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registry.adminUrl().resolve("/tasks/blob-gc"))
                .header("Authorization", "Bearer admin-secret") // as ops/wharf gc sends REGISTRY_ADMIN_TOKEN
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }
}
