package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool is cleared on start and swept of files no publish has touched for {@link UploadSpool#STALE}. */
class UploadSpoolSweepTest {

    @Test
    void a_node_starting_on_a_spool_left_by_a_crash_clears_it(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("upload-1.wasm"), "left by kill -9");
        new UploadSpool(dir, 1024);
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void the_sweep_removes_stale_files_and_keeps_fresh_ones(@TempDir Path dir) throws Exception {
        UploadSpool spool = new UploadSpool(dir, 1024);
        Path stale = Files.writeString(dir.resolve("upload-stale.wasm"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(UploadSpool.STALE).minusSeconds(60)));
        Path fresh = Files.writeString(dir.resolve("upload-fresh.wasm"), "x");
        assertThat(spool.sweep(UploadSpool.STALE)).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }
}
