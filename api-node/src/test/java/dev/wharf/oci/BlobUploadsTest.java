package dev.wharf.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload sessions on their own: limits while streaming, and abandoned pushes leave nothing behind. */
class BlobUploadsTest {

    @TempDir
    Path spool;

    /** A clock a test moves forward by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void abandoned_sessions_and_unused_blobs_are_swept_after_the_ttl_leaving_the_spool_empty() throws Exception {
        ManualClock clock = new ManualClock();
        BlobUploads uploads = new BlobUploads(spool, 1024, Duration.ofHours(1), clock);
        UUID abandoned = uploads.open("example/a");
        uploads.append("example/a", abandoned, stream("half a blob"), "0-10");
        byte[] bytes = "a whole blob".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(bytes);
        UUID finished = uploads.open("example/a");
        uploads.finish("example/a", finished, stream("a whole blob"), digest);
        assertThat(uploads.filesInSpool()).isEqualTo(2);

        clock.now = clock.now.plus(Duration.ofMinutes(59));
        uploads.sweep();
        assertThat(uploads.filesInSpool()).isEqualTo(2);
        assertThat(uploads.blob("example/a", digest)).isPresent();

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        uploads.sweep();
        assertThat(uploads.filesInSpool()).isZero();
        assertThat(uploads.blob("example/a", digest)).isEmpty();
        assertThatThrownBy(() -> uploads.offset("example/a", abandoned))
                .isInstanceOfSatisfying(OciError.class, e -> assertThat(e.code()).isEqualTo(OciError.Code.BLOB_UPLOAD_UNKNOWN));
    }

    @Test
    void an_upload_past_the_limit_is_cut_off_while_streaming_and_deleted() throws Exception {
        BlobUploads uploads = new BlobUploads(spool, 10, Duration.ofHours(1), Clock.systemUTC());
        UUID id = uploads.open("example/a");
        assertThatThrownBy(() -> uploads.append("example/a", id, stream("more than ten bytes"), null))
                .isInstanceOfSatisfying(OciError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(uploads.filesInSpool()).isZero();
    }

    @Test
    void a_digest_that_does_not_match_deletes_the_upload_and_a_session_belongs_to_its_repository() throws Exception {
        BlobUploads uploads = new BlobUploads(spool, 1024, Duration.ofHours(1), Clock.systemUTC());
        UUID id = uploads.open("example/a");
        assertThatThrownBy(() -> uploads.offset("example/b", id)).isInstanceOf(OciError.class);
        assertThatThrownBy(() -> uploads.finish("example/a", id, stream("bytes"), Digest.of(new byte[0])))
                .isInstanceOfSatisfying(OciError.class, e -> assertThat(e.code()).isEqualTo(OciError.Code.DIGEST_INVALID));
        assertThat(uploads.filesInSpool()).isZero();
    }

    @Test
    void start_empties_what_a_previous_run_left_in_the_spool() throws Exception {
        BlobUploads before = new BlobUploads(spool, 1024, Duration.ofHours(1), Clock.systemUTC());
        before.append("example/a", before.open("example/a"), stream("left over"), null);
        BlobUploads after = new BlobUploads(spool, 1024, Duration.ofHours(1), Clock.systemUTC());
        after.start();
        try {
            assertThat(after.filesInSpool()).isZero();
        } finally {
            after.stop();
        }
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
