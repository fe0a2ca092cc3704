package dev.wharf.client;

import dev.wharf.wire.DependencyRef;

import dev.wharf.wire.PackageMeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's behaviour on the wire — retries, mirrors, integrity, the publish request — against
 * a tiny HTTP server on loopback that answers as scripted.
 */
class RegistryClientTest {

    @TempDir Path dir;
    private final List<ScriptedRegistry> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ScriptedRegistry::close);
    }

    private ScriptedRegistry scripted() throws IOException {
        ScriptedRegistry server = new ScriptedRegistry();
        servers.add(server);
        return server;
    }

    private static RegistryClient client(URI main, List<URI> mirrors, String token) {
        return new RegistryClient(new Endpoints(main, mirrors, 3, Duration.ofMillis(1), Duration.ofSeconds(5)), token);
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static final String VERSIONS = "/api/v1/packages/app%3Acalc/versions";

    @Test
    void retries_a_5xx_with_backoff_until_the_registry_answers() throws IOException {
        ScriptedRegistry registry = scripted()
                .on(VERSIONS, 503, "{\"error\":\"unavailable\",\"message\":\"indexer catching up\"}")
                .on(VERSIONS, 502, "")
                .on(VERSIONS, 200, "{\"name\":\"app:calc\",\"versions\":[\"1.0.0\",\"1.1.0\"]}");

        try (RegistryClient client = client(registry.url(), List.of(), null)) {
            assertThat(client.versions("app:calc")).containsExactly("1.0.0", "1.1.0");
        }
        assertThat(registry.hits(VERSIONS)).isEqualTo(3);
    }

    @Test
    void never_retries_a_4xx_and_never_sends_it_on_to_a_mirror() throws IOException {
        ScriptedRegistry registry = scripted().on(VERSIONS, 404, "{\"error\":\"not_found\",\"message\":\"unknown package\"}")
                .on("/api/v1/search", 400, "{\"error\":\"bad_request\",\"message\":\"limit must be at most 100\"}");
        ScriptedRegistry mirror = scripted().on(VERSIONS, 200, "{\"versions\":[\"9.9.9\"]}");

        try (RegistryClient client = client(registry.url(), List.of(mirror.url()), null)) {
            assertThatThrownBy(() -> client.versions("app:calc"))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.NOT_FOUND))
                    .hasMessage("package app:calc is not in the registry");
            assertThatThrownBy(() -> client.search("calc", 500, 0))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("limit must be at most 100");
        }
        assertThat(registry.hits(VERSIONS)).isEqualTo(1);
        assertThat(registry.hits("/api/v1/search")).isEqualTo(1);
        assertThat(mirror.hits(VERSIONS)).isZero();
    }

    @Test
    void tries_the_mirrors_in_order_when_the_main_url_refuses_connections() throws IOException {
        ScriptedRegistry failingMirror = scripted().on(VERSIONS, 500, "");
        ScriptedRegistry goodMirror = scripted().on(VERSIONS, 200, "{\"versions\":[\"1.0.0\"]}");

        try (RegistryClient client = client(closedPort(), List.of(failingMirror.url(), goodMirror.url()), null)) {
            assertThat(client.versions("app:calc")).containsExactly("1.0.0");
        }
        assertThat(failingMirror.hits(VERSIONS)).isEqualTo(3);
        assertThat(goodMirror.hits(VERSIONS)).isEqualTo(1);
    }

    @Test
    void gives_up_with_one_sentence_when_nothing_answers() throws IOException {
        URI nowhere = closedPort();
        try (RegistryClient client = client(nowhere, List.of(), null)) {
            assertThatThrownBy(() -> client.versions("app:calc"))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.UNAVAILABLE))
                    .hasMessage("the registry at " + nowhere + " cannot be reached after 3 tries each (connection refused by 127.0.0.1:"
                            + nowhere.getPort() + ")");
        }
    }

    @Test
    void a_download_whose_bytes_differ_from_the_registrys_sha256_leaves_no_file() throws IOException {
        byte[] real = "\0asm real component".getBytes(StandardCharsets.UTF_8);
        ScriptedRegistry registry = scripted().on("/packages/app%3Acalc/1.0.0/artifact.wasm", 200, "\0asm tampered in transit");
        PackageMeta meta = meta(registry.url(), real);
        Path target = dir.resolve("calc.part");

        try (RegistryClient client = client(registry.url(), List.of(), null)) {
            assertThatThrownBy(() -> client.download(meta, target, TransferProgress.NONE))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.INTEGRITY))
                    .hasMessageContaining("does not match the registry's checksum");
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void a_localhost_download_url_is_rewritten_onto_the_configured_registry_as_run_does() throws IOException {
        byte[] bytes = "\0asm component bytes".getBytes(StandardCharsets.UTF_8);
        ScriptedRegistry registry = scripted().on("/packages/app%3Acalc/1.0.0/artifact.wasm", 200, bytes);
        PackageMeta meta = meta(URI.create("http://localhost:1"), bytes);
        Path target = dir.resolve("calc.wasm");
        List<Long> progress = new ArrayList<>();

        try (RegistryClient client = client(registry.url(), List.of(), null)) {
            client.download(meta, target, new TransferProgress() {
                @Override public void started(String label, long totalBytes) { progress.add(totalBytes); }
                @Override public void advanced(long n) { progress.add(n); }
                @Override public void finished() { progress.add(-1L); }
            });
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(progress).containsExactly((long) bytes.length, (long) bytes.length, -1L);
    }

    @Test
    void publish_sends_the_multipart_request_runs_client_sends() throws Exception {
        byte[] wasm = Files.readAllBytes(fixture("component/example-calculator-1.0.0.wasm"));
        Path file = dir.resolve("calc.wasm");
        Files.write(file, wasm);
        ScriptedRegistry registry = scripted().on("/api/v1/packages", 201, "{}");

        try (RegistryClient client = client(registry.url(), List.of(), "s3cret")) {
            Published published = client.publish(new PublishRequest("example:calculator", "1.0.0", "Adds numbers", "MIT", null,
                    List.of(new DependencyRef("wasi:io", "^0.2", false)), file, sha256(wasm)), TransferProgress.NONE);
            assertThat(published.pending()).isFalse();
        }
        ScriptedRegistry.Request sent = registry.requests.getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.headers().get("Authorization")).containsExactly("Bearer s3cret");
        assertThat(sent.headers().get("Content-length")).containsExactly(Integer.toString(sent.body().length));
        String contentType = sent.headers().get("Content-type").getFirst();
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf('=') + 1);

        String body = new String(sent.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nexample:calculator\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n1.0.0\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nAdds numbers\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\n" + sha256(wasm) + "\r\n");
        assertThat(body).contains("name=\"license\"\r\n\r\nMIT\r\n")
                .contains("name=\"dependencies\"\r\n\r\n[{\"name\":\"wasi:io\",\"version\":\"^0.2\",\"optional\":false}]\r\n")
                .contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"component\"; filename=\"example:calculator.wasm\"\r\n"
                        + "Content-Type: application/wasm\r\n\r\n")
                .endsWith("\r\n--" + boundary + "--\r\n");
        int start = body.indexOf("Content-Type: application/wasm\r\n\r\n") + "Content-Type: application/wasm\r\n\r\n".length();
        byte[] uploaded = java.util.Arrays.copyOfRange(sent.body(), start, start + wasm.length);
        assertThat(uploaded).isEqualTo(wasm);
    }

    @Test
    void a_refused_token_is_not_retried() throws IOException {
        Path file = Files.writeString(dir.resolve("x.wasm"), "\0asm");
        ScriptedRegistry registry = scripted().on("/api/v1/packages", 401, "{\"error\":\"unauthorized\",\"message\":\"unknown token\"}");

        try (RegistryClient client = client(registry.url(), List.of(), "wrong")) {
            assertThatThrownBy(() -> client.publish(new PublishRequest("app:x", "1.0.0", "", null, null, List.of(), file, "00"),
                    TransferProgress.NONE))
                    .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.kind()).isEqualTo(RegistryError.Kind.UNAUTHORIZED))
                    .hasMessage("the registry does not accept this token (unknown token); check --token, RUN_AUTH_TOKEN or [registry].auth_token");
        }
        assertThat(registry.hits("/api/v1/packages")).isEqualTo(1);
    }

    @Test
    void a_publish_whose_answer_was_lost_counts_as_published_when_the_registry_has_the_same_bytes() throws IOException {
        byte[] wasm = "\0asm bytes".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("x.wasm");
        Files.write(file, wasm);
        ScriptedRegistry registry = scripted()
                .on("/api/v1/packages", 500, "")
                .on("/api/v1/packages", 409, "{\"error\":\"conflict\",\"message\":\"app:x@1.0.0 already exists\"}");
        registry.on("/api/v1/packages/app%3Ax/1.0.0", 200, json(meta(registry.url(), wasm)));

        try (RegistryClient client = client(registry.url(), List.of(), "tok")) {
            Published p = client.publish(new PublishRequest("app:x", "1.0.0", "", null, null, List.of(), file, sha256(wasm)),
                    TransferProgress.NONE);
            assertThat(p.pending()).isFalse();
        }
        assertThat(registry.hits("/api/v1/packages")).isEqualTo(2);
    }

    private static PackageMeta meta(URI base, byte[] bytes) {
        return new PackageMeta("app:calc", "1.0.0", "", null, bytes.length, sha256(bytes),
                base + "/packages/app%3Acalc/1.0.0/artifact.wasm", null, List.of(), List.of(), null, 0, null, List.of(), List.of(), null, 0, false, null, null);
    }

    private static String json(PackageMeta meta) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(meta);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path fixture(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("testdata/components");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) return candidate.resolve(relative);
        }
        throw new IllegalStateException("testdata/components not found above " + Path.of("").toAbsolutePath());
    }
}
