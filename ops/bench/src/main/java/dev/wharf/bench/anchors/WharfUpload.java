package dev.wharf.bench.anchors;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wharf's publish as the Run client sends it: multipart, {@code component} field, sha256, Bearer token. */
record WharfUpload(URI base, String token) {

    HttpRequest request(Release release) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", release.name());
        fields.put("version", release.version());
        fields.put("description", release.description());
        fields.put("license", "MIT");
        fields.put("sha256", hex(digest("SHA-256", release.wasm())));
        String boundary = "wharf-anchors-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream(release.wasm().length + 1024);
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"component\"; filename=\"component.wasm\""
                + "\r\nContent-Type: application/wasm\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(release.wasm());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/api/v1/packages"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
