package dev.wharf.client;

import dev.wharf.wire.PackageMeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that accepts the connection and then never answers (or stops halfway through a
 * download) must not hang wharf: every request gives up after the read timeout with one
 * sentence, and a stalled URL is not retried (issue 13). {@code @Timeout} only guards against a
 * regression hanging the build; nothing here asserts how fast anything is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledRegistryTest {

    @TempDir Path dir;

    private static RegistryClient client(StalledServer server, String token) {
        return new RegistryClient(new Endpoints(server.url(), List.of(), 3, Duration.ofMillis(1), Duration.ofMillis(300)), token);
    }

    @Test
    void every_kind_of_request_gives_up_on_a_server_that_accepts_and_never_answers() throws IOException {
        try (StalledServer server = new StalledServer(""); RegistryClient client = client(server, "t0ken")) {
            assertThatThrownBy(() -> client.versions("app:calc"))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.UNAVAILABLE))
                    .hasMessage("the registry at " + server.url() + " cannot be reached (127.0.0.1:" + server.url().getPort()
                            + " sent nothing for 300 ms)");
            assertThat(server.connections()).as("a stalled URL is not tried three times").isEqualTo(1);

            assertThatThrownBy(() -> client.meta("app:calc", "1.0.0")).hasMessageContaining("sent nothing for 300 ms");
            assertThatThrownBy(() -> client.search("calc", 10, 0)).hasMessageContaining("sent nothing for 300 ms");
            assertThatThrownBy(() -> client.yank("app:calc", "1.0.0", "broken"))
                    .hasMessageContaining("could not yank app:calc@1.0.0 at " + server.url())
                    .hasMessageContaining("sent nothing for 300 ms")
                    .hasMessageContaining("it may or may not have happened");
            assertThatThrownBy(client::tokens).hasMessageContaining("sent nothing for 300 ms");
            assertThatThrownBy(() -> client.audit(null, 10, null, null)).hasMessageContaining("sent nothing for 300 ms");

            Path wasm = Files.write(dir.resolve("calc.wasm"), new byte[] {0, 'a', 's', 'm'});
            PublishRequest publish = new PublishRequest("app:calc", "1.0.0", "", null, null, List.of(), wasm, "00");
            assertThatThrownBy(() -> client.publish(publish, TransferProgress.NONE))
                    .hasMessageContaining("could not publish app:calc@1.0.0")
                    .hasMessageContaining("sent nothing for 300 ms")
                    .hasMessageContaining("check with `wharf info app:calc@1.0.0`");

            PackageMeta meta = new PackageMeta("app:calc", "1.0.0", "", null, 4, "00", server.url() + "/packages/app%3Acalc/1.0.0/artifact.wasm",
                    null, List.of(), List.of(), null, 0, null, List.of(), List.of(), null, 0, false, null, null);
            Path target = dir.resolve("download.part");
            assertThatThrownBy(() -> client.download(meta, target, TransferProgress.NONE))
                    .hasMessageContaining("could not download app:calc@1.0.0").hasMessageContaining("sent nothing for 300 ms");
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void a_download_that_stops_halfway_gives_up_and_leaves_no_file() throws IOException {
        String halfAnswer = "HTTP/1.1 200 OK\r\nContent-Type: application/wasm\r\nContent-Length: 1000\r\n\r\n\0asm and then nothing";
        try (StalledServer server = new StalledServer(halfAnswer); RegistryClient client = client(server, null)) {
            PackageMeta meta = new PackageMeta("app:calc", "1.0.0", "", null, 1000, "00", server.url() + "/packages/app%3Acalc/1.0.0/artifact.wasm",
                    null, List.of(), List.of(), null, 0, null, List.of(), List.of(), null, 0, false, null, null);
            Path target = dir.resolve("download.part");

            assertThatThrownBy(() -> client.download(meta, target, TransferProgress.NONE))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.UNAVAILABLE))
                    .hasMessageContaining("sent nothing for 300 ms");
            assertThat(target).doesNotExist();
        }
    }
}
