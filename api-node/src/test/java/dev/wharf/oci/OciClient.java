package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The OCI distribution API spoken by hand, the way the conformance suite does: one request at a time. */
public final class OciClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private String authorization;

    public OciClient(URI base) {
        this.base = base;
    }

    /** HTTP Basic with the Wharf token as the password, as docker/skopeo/oras send it. */
    public OciClient withToken(String token) {
        OciClient c = new OciClient(base);
        c.authorization = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    OciClient withAuthorization(String header) {
        OciClient c = new OciClient(base);
        c.authorization = header;
        return c;
    }

    public record Answer(int status, byte[] body, HttpResponse<byte[]> raw) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        /** The first error's code, from the spec's {@code {"errors": [...]}} body. */
        public String errorCode() {
            return json().path("errors").path(0).path("code").asText();
        }
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, Map.of(), null);
    }

    Answer get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", path, headers, null);
    }

    Answer head(String path) throws IOException, InterruptedException {
        return send("HEAD", path, Map.of(), null);
    }

    Answer send(String method, String path, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (authorization != null) all.putIfAbsent("Authorization", authorization);
        all.forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** A monolithic blob push: {@code POST /v2/<name>/blobs/uploads/?digest=}. */
    Answer pushBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
        return send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest(bytes),
                Map.of("Content-Type", "application/octet-stream"), bytes);
    }

    /** Pushes the layer and a config, then a Wasm manifest naming them, under {@code tag}. */
    public Answer pushComponent(String repository, String tag, byte[] component, Map<String, String> annotations)
            throws IOException, InterruptedException {
        byte[] config = "{\"architecture\":\"wasm\",\"os\":\"wasip2\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : new byte[][] {component, config}) {
            Answer pushed = pushBlob(repository, blob);
            if (pushed.status() != 201) return pushed;
        }
        return send("PUT", "/v2/" + repository + "/manifests/" + tag,
                Map.of("Content-Type", WasmManifest.MANIFEST_TYPE), wasmManifest(component, config, annotations));
    }

    static byte[] wasmManifest(byte[] component, byte[] config, Map<String, String> annotations) {
        var m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", WasmManifest.MANIFEST_TYPE);
        m.putObject("config").put("mediaType", WasmManifest.CONFIG_TYPE).put("digest", digest(config)).put("size", config.length);
        var layer = m.putArray("layers").addObject();
        layer.put("mediaType", "application/wasm").put("digest", digest(component)).put("size", component.length);
        layer.putObject("annotations").put("org.opencontainers.image.title", "component.wasm");
        var a = m.putObject("annotations");
        annotations.forEach(a::put);
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
