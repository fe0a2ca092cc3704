package dev.wharf.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Eventually;
import dev.wharf.testing.InMemoryNode;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token with 32 publishes still uploading gets its 33rd refused at once, before Jersey, with
 * the same answer the resource gives: 429, Retry-After, JSON, and the connection closed.
 */
class FullNodeRefusalsTest {

    @RegisterExtension
    static final StandaloneRegistry node = new StandaloneRegistry();

    @Test
    void a_token_past_its_cap_is_refused_before_its_body_is_read() throws Exception {
        List<Socket> uploading = new ArrayList<>();
        try {
            // More than the cap of 32: a connection the node has not read yet holds no slot (in CI
            // one of exactly 32 was still unread 10 s later), and the extra ones are refused at once.
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket(node.url().getHost(), node.url().getPort());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/v1/packages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + StandaloneRegistry.ADMIN_TOKEN
                        + "\r\nContent-Type: multipart/form-data; boundary=slow\r\nContent-Length: 100000\r\n\r\n--slow\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                uploading.add(s);
            }
            // The 32 hold their slots once the node has read their headers; until then a publish
            // goes through (each attempt its own version, so an early one is not a conflict later).
            AtomicInteger attempt = new AtomicInteger();
            RunProtocol.Answer refused = Eventually.await(Duration.ofSeconds(30), () -> node.run().publish(StandaloneRegistry.ADMIN_TOKEN,
                    "full:calc", "1.0." + attempt.getAndIncrement(), InMemoryNode.calculator()), a -> a.status() == 429);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
            assertThat(refused.json().get("message").asText()).contains("32 publishes in flight");
            assertThat(refused.raw().headers().firstValue("retry-after")).contains("5");
        } finally {
            for (Socket s : uploading) s.close();
        }
        AtomicInteger attempt = new AtomicInteger();
        RunProtocol.Answer later = Eventually.await(Duration.ofSeconds(30), () -> node.run().publish(StandaloneRegistry.ADMIN_TOKEN,
                "full:calc", "2.0." + attempt.getAndIncrement(), InMemoryNode.calculator()), a -> a.status() != 429);
        assertThat(later.status()).as("the slots come back when the uploads go away").isEqualTo(201);
    }
}
