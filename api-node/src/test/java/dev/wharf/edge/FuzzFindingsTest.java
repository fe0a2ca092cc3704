package dev.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.Fixtures;
import dev.wharf.testing.LogCapture;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What issue 14's fuzz campaign and ops/fuzz found, one plain request each: each answered a 5xx,
 * a non-JSON error or a loud log line before its fix.
 */
class FuzzFindingsTest {

    @RegisterExtension
    static final StandaloneRegistry registry = new StandaloneRegistry();
    static RunProtocol run;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ARTIFACT = "/packages/findings:calc/1.0.0/artifact.wasm";
    static long size;

    @BeforeAll
    static void publish() throws Exception {
        run = registry.run();
        var file = Fixtures.component("component/example-calculator-1.0.0.wasm");
        size = java.nio.file.Files.size(file);
        assertThat(run.publish(StandaloneRegistry.ADMIN_TOKEN, "findings:calc", "1.0.0", file).status()).isEqualTo(201);
    }

    @Test
    void a_twenty_digit_range_suffix_gets_the_whole_file_and_no_log_line() throws Exception {
        try (LogCapture log = LogCapture.attach()) {
            RunProtocol.Answer a = run.send(HttpRequest.newBuilder(registry.url().resolve(ARTIFACT))
                    .header("Range", "bytes=-99999999999999999999").build());
            assertThat(a.status()).isEqualTo(206);
            assertThat(a.raw().headers().firstValue("Content-Range")).hasValue("bytes 0-" + (size - 1) + "/" + size);
            assertThat(log.events()).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        }
    }

    @Test
    void a_five_thousand_digit_first_position_is_416_with_the_size() throws Exception {
        RunProtocol.Answer a = run.send(HttpRequest.newBuilder(registry.url().resolve(ARTIFACT))
                .header("Range", "bytes=" + "9".repeat(5000) + "-").build());
        assertThat(a.status()).isEqualTo(416);
        assertThat(a.raw().headers().firstValue("Content-Range")).hasValue("bytes */" + size);
        assertThat(a.json().get("error").asText()).isEqualTo("range_not_satisfiable");
    }

    @Test
    void an_unknown_charset_on_the_form_is_415_not_503() throws Exception {
        RunProtocol.Answer a = run.post("/api/v1/packages", StandaloneRegistry.ADMIN_TOKEN,
                "multipart/form-data; boundary=XX; charset=x", "--XX--\r\n".getBytes());
        assertThat(a.status()).isEqualTo(415);
        assertThat(a.json().get("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void odd_form_content_types_are_4xx_json() throws Exception {
        for (String type : List.of("multipart/form-data; boundary=", "multipart/mixed; boundary=XX", "application/json",
                "multipart/form-data; boundary=XX; boundary=YY", ";")) {
            RunProtocol.Answer a = run.post("/api/v1/packages", StandaloneRegistry.ADMIN_TOKEN, type, "--XX--\r\n".getBytes());
            assertThat(a.status()).as(type).isIn(400, 415);
            assertThat(a.json().get("message").asText()).as(type).isNotBlank();
        }
    }

    @Test
    void malformed_http_versions_are_400_json_and_a_well_formed_unknown_one_is_not_a_crash() throws Exception {
        for (String version : List.of("HTTP/1.1x", "HTTP/01.1", "HTTP/", "HTTPS/1.1")) {
            Raw a = raw("GET /health " + version + "\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(a.status).as(version).isEqualTo(400);
            assertThat(JSON.readTree(a.body).get("error").asText()).as(version).isEqualTo("bad_request");
        }
        Raw noVersion = raw("GET /health\r\n\r\n");
        assertThat(noVersion.status).isEqualTo(400);
    }

    @Test
    void an_unparsable_accept_header_is_ignored_not_an_empty_400() throws Exception {
        Raw a = raw("GET /api/v1/search?q=x HTTP/1.1\r\nHost: x\r\nAccept: ,,,\r\nConnection: close\r\n\r\n");
        assertThat(a.status).isEqualTo(200);
        assertThat(JSON.readTree(a.body).has("packages")).isTrue();
    }

    @Test
    void errors_jetty_answers_itself_are_json_for_every_method() throws Exception {
        for (String request : List.of("DELETE /%2e%2e/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(17 * 1024) + "\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n")) {
            Raw a = raw(request);
            assertThat(a.status).as(request.lines().findFirst().get()).isBetween(400, 499);
            JsonNode body = JSON.readTree(a.body);
            assertThat(body.get("error").isTextual() && body.get("message").isTextual()).as(a.body).isTrue();
        }
    }

    @Test
    void an_error_jetty_answers_is_json_whatever_the_accept_header_says() throws Exception {
        for (String request : List.of("GET /packages HTTP/1.1\r\nHost: x\r\nAccept: ,,,\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n",
                "GET /packages HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nAccept: */*;q=x\r\nConnection: close\r\n\r\n",
                "GET /browse/fuzz:base-1 HTTP/1.1\r\nHost: x\r\nAccept: ,,,\r\nContent-Type: x/y; q=0.5; a=\"\\\"\r\nConnection: close\r\n\r\n",
                "GET /api/v1/search?q=x HTTP/1.1\r\nHost: x\r\nAccept: ,,,\r\nContent-Type: multipart/form-data; boundary=XX; charset=\"\r\nConnection: close\r\n\r\n")) {
            Raw a = raw(request);
            assertThat(a.status).as(request).isBetween(400, 499);
            JsonNode body = JSON.readTree(a.body);
            assertThat(body != null && body.path("error").isTextual() && body.path("message").isTextual()).as(request + " -> " + a.body).isTrue();
        }
    }

    /** Found by TokenRequestPropertiesTest: Dropwizard's own mapper answered {"code": 400, ...}, not the catalogue's shape. */
    @Test
    void a_token_request_jackson_cannot_read_is_a_catalogue_400_naming_the_field() throws Exception {
        RunProtocol.Answer a = run.post("/api/v1/admin/tokens", StandaloneRegistry.ADMIN_TOKEN, "application/json",
                "{\"name\": \"ci\", \"expires_in_days\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(a.json().get("message").asText()).contains("expires_in_days");
        RunProtocol.Answer cut = run.post("/api/v1/admin/tokens", StandaloneRegistry.ADMIN_TOKEN, "application/json",
                "{\"name\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.json().get("message").asText()).isEqualTo("malformed JSON");
    }

    /** ops/fuzz through a cluster: PostgreSQL cannot store U+0000, so no text the registry keeps may hold one. */
    @Test
    void text_with_a_nul_is_a_400_naming_the_field_for_tokens_yanks_and_deprecations() throws Exception {
        RunProtocol.Answer token = run.post("/api/v1/admin/tokens", StandaloneRegistry.ADMIN_TOKEN, "application/json",
                "{\"name\": \"ci\\u0000\", \"namespaces\": [\"*\"], \"scopes\": [\"publish\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().get("message").asText()).startsWith("name");
        RunProtocol.Answer yank = run.post("/api/v1/packages/findings%3Acalc/1.0.0/yank", StandaloneRegistry.ADMIN_TOKEN,
                "application/json", "{\"reason\": \"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(yank.status()).isEqualTo(400);
        assertThat(yank.json().get("message").asText()).startsWith("reason");
        RunProtocol.Answer deprecation = run.post("/api/v1/packages/findings%3Acalc/deprecate", StandaloneRegistry.ADMIN_TOKEN,
                "application/json", "{\"message\": \"\\u0000\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(deprecation.status()).isEqualTo(400);
        assertThat(deprecation.json().get("message").asText()).startsWith("message");
    }

    record Raw(int status, String body) {}

    static Raw raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", registry.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            if (text.toLowerCase().contains("transfer-encoding: chunked")) body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            return new Raw(status, body);
        }
    }
}
