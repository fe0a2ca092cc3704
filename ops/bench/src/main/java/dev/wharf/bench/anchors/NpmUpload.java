package dev.wharf.bench.anchors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code npm publish} as the npm CLI sends it: {@code PUT /<name>} with the package document
 * (one version, its dist-tag, the tarball base64-encoded in {@code _attachments}) and the JWT
 * that {@code npm login} got, as {@code Authorization: Bearer}.
 */
record NpmUpload(URI base, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HttpRequest request(Release release) {
        byte[] tarball = tarball(release);
        String file = release.npmName() + "-" + release.version() + ".tgz";
        ObjectNode doc = JSON.createObjectNode();
        doc.put("_id", release.npmName());
        doc.put("name", release.npmName());
        doc.put("description", release.description());
        doc.putObject("dist-tags").put("latest", release.version());
        ObjectNode version = doc.putObject("versions").putObject(release.version());
        version.put("name", release.npmName());
        version.put("version", release.version());
        version.put("description", release.description());
        version.put("main", "component.wasm");
        version.put("license", "MIT");
        version.put("_id", release.npmName() + "@" + release.version());
        ObjectNode dist = version.putObject("dist");
        dist.put("integrity", "sha512-" + Base64.getEncoder().encodeToString(WharfUpload.digest("SHA-512", tarball)));
        dist.put("shasum", WharfUpload.hex(WharfUpload.digest("SHA-1", tarball)));
        dist.put("tarball", base.resolve("/" + release.npmName() + "/-/" + file).toString());
        doc.putNull("access");
        ObjectNode attachment = doc.putObject("_attachments").putObject(file);
        attachment.put("content_type", "application/octet-stream");
        attachment.put("data", Base64.getEncoder().encodeToString(tarball));
        attachment.put("length", tarball.length);
        return HttpRequest.newBuilder(base.resolve("/" + release.npmName()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(doc.toString()))
                .build();
    }

    static byte[] tarball(Release release) {
        return NpmTarball.of(release.npmName(), release.version(), release.description(), release.wasm());
    }
}
