package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.RegistryProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL while publishes are still arriving leaves their uploads in
 * DATA_DIR/spool; the next start removes them (issue 14: 4, 8, 12 files after three rounds).
 */
class SpoolAfterKillTest {

    @Test
    void the_spool_is_empty_after_kill_9_and_restart(@TempDir Path data) throws Exception {
        Path spool = data.resolve("spool");
        try (RegistryProcess node = new RegistryProcess(data, Map.of("REGISTRY_ADMIN_TOKEN", "kill-token")).start()) {
            List<Socket> uploads = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) uploads.add(halfAnUpload(node));
                List<Path> inFlight = Eventually.await(Duration.ofSeconds(30), () -> files(spool), f -> f.size() == 3);
                assertThat(inFlight).as("uploads in flight").hasSize(3);
                node.kill();
            } finally {
                for (Socket s : uploads) s.close();
            }
            assertThat(files(spool)).as("left by kill -9").hasSize(3);

            node.start();
            assertThat(files(spool)).isEmpty();
        }
    }

    /** A publish that has sent its headers and the start of the file, and then waits. */
    private static Socket halfAnUpload(RegistryProcess node) throws Exception {
        Socket socket = new Socket("127.0.0.1", node.url().getPort());
        OutputStream out = socket.getOutputStream();
        byte[] start = ("POST /api/v1/packages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer kill-token\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"component\"; filename=\"c.wasm\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(start);
        out.write(new byte[100_000]); // past FileUpload's buffer, and 50 s of credit at the 2 KiB/s minimum rate
        out.flush();
        return socket;
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (var list = Files.list(dir)) {
            return list.toList();
        }
    }
}
