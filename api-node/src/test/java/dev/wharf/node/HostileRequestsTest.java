package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever a client sends, the answer is never a 5xx. */
class HostileRequestsTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;

    @BeforeAll
    static void start() {
        run = registry.run();
    }

    @Test
    void malformed_multipart_bodies_are_4xx() throws Exception {
        for (String body : List.of("", "garbage", "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx",
                "--b\r\n\r\n\r\n--b--", "--b\r\nContent-Disposition: form-data; name=\"component\"; filename=\"a\"\r\n\r\n\0asm")) {
            RunProtocol.Answer a = run.post("/api/v1/packages", "admin-secret", "multipart/form-data; boundary=b",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(a.status()).as(body).isBetween(400, 499);
            assertThat(a.json().get("error").asText()).isNotBlank();
        }
        RunProtocol.Answer noBoundary = run.post("/api/v1/packages", "admin-secret", "multipart/form-data", "x".getBytes());
        assertThat(noBoundary.status()).isBetween(400, 499);
    }

    @Test
    void unknown_paths_methods_and_odd_parameters_are_4xx() throws Exception {
        for (String path : List.of("/nope", "/api/v1/nope", "/api/v1/packages/x", "/api/v1/packages/%00/versions",
                "/api/v1/packages/a%3Ab/not-a-version", "/packages/a%3Ab/1.0.0/artifact.wasm", "/browse/nope%3Anope",
                "/api/v1/search?limit=abc", "/api/v1/search?offset=-1", "/api/v1/search?sort=sideways",
                "/api/v1/publishes/not-a-uuid", "/packages/%2e%2e/%2e%2e/artifact.wasm", "/browse/..%2F..%2Fetc")) {
            RunProtocol.Answer a = run.get(path);
            assertThat(a.status()).as(path).isBetween(400, 499);
        }
        RunProtocol.Answer delete = run.send(HttpRequest.newBuilder(registry.url().resolve("/api/v1/packages"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(run.get("/api/v1/search?q=" + "x".repeat(300)).status()).isEqualTo(400);
        assertThat(run.get("/api/v1/search?q=%22%2B-%28%29*%3F%5B%5D%7B%7D%5C%3A%7E%5E").status()).isEqualTo(200);
        assertThat(run.get("/api/v1/search?limit=100000").json().get("total").isNumber()).isTrue();
    }

    @Test
    void huge_headers_are_refused_with_431_not_a_crash() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", registry.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n").getBytes());
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).startsWith("HTTP/1.1 4");
        }
        assertThat(run.get("/health").status()).isEqualTo(200);
    }
}
