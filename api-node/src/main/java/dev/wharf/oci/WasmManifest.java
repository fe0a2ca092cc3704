package dev.wharf.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The OCI manifest and config of one published version, in the layout of the CNCF TAG Runtime
 * "Wasm OCI Artifact" (what wasm-pkg-tools and rust-oci-wasm read): config media type
 * {@value #CONFIG_TYPE}, exactly one {@value #LAYER_TYPE} layer whose digest is the
 * component's sha256.
 *
 * <p>Both documents are built from the stored version record alone, with a fixed key order, no
 * whitespace and no clock, so their bytes, and with them {@code Docker-Content-Digest}, are the
 * same on every node and after every rebuild of the projections.
 */
public record WasmManifest(byte[] manifest, Digest manifestDigest, byte[] config, Digest configDigest, Digest layerDigest) {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG_TYPE = "application/vnd.wasm.config.v0+json";
    public static final String LAYER_TYPE = "application/wasm";
    public static final String TITLE = "org.opencontainers.image.title";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static WasmManifest of(PublishedVersion v) {
        Digest layer = Digest.parse("sha256:" + v.sha256());
        byte[] config = bytes(config(v, layer));
        Digest configDigest = Digest.of(config);
        byte[] manifest = bytes(manifest(v, layer, config.length, configDigest));
        return new WasmManifest(manifest, Digest.of(manifest), config, configDigest, layer);
    }

    /**
     * rust-oci-wasm's {@code WasmConfig}: {@code os} is {@code wasip2} for a component and
     * {@code wasip1} for a core module (the two targets those binaries are built for), and only a
     * component has the {@code component} block (wkg requires it for wasip2 and has no
     * module counterpart).
     */
    private static ObjectNode config(PublishedVersion v, Digest layer) {
        ObjectNode config = JSON.createObjectNode();
        config.put("created", created(v));
        config.put("architecture", "wasm");
        boolean component = !"module".equals(v.kind());
        config.put("os", component ? "wasip2" : "wasip1");
        config.putArray("layerDigests").add(layer.toString());
        if (component) {
            ObjectNode block = config.putObject("component");
            ArrayNode exports = block.putArray("exports");
            v.exports().forEach(exports::add);
            ArrayNode imports = block.putArray("imports");
            v.imports().forEach(imports::add);
        }
        return config;
    }

    private static ObjectNode manifest(PublishedVersion v, Digest layer, int configSize, Digest configDigest) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MANIFEST_TYPE);
        ObjectNode config = m.putObject("config");
        config.put("mediaType", CONFIG_TYPE);
        config.put("digest", configDigest.toString());
        config.put("size", configSize);
        ObjectNode layerNode = m.putArray("layers").addObject();
        layerNode.put("mediaType", LAYER_TYPE);
        layerNode.put("digest", layer.toString());
        layerNode.put("size", v.size());
        // oras pull writes only layers with a title; wkg's publisher names the file <name>.wasm.
        layerNode.putObject("annotations").put(TITLE, fileName(v.name()));
        ObjectNode annotations = m.putObject("annotations");
        annotations.put("org.opencontainers.image.created", created(v));
        annotations.put("org.opencontainers.image.version", v.version());
        if (v.description() != null && !v.description().isBlank()) annotations.put("org.opencontainers.image.description", v.description());
        if (v.license() != null && !v.license().isBlank()) annotations.put("org.opencontainers.image.licenses", v.license());
        if (v.repository() != null && !v.repository().isBlank()) annotations.put("org.opencontainers.image.source", v.repository());
        return m;
    }

    /** The last segment of the package part: {@code run:calc/calculator} is {@code calculator.wasm}. */
    static String fileName(String name) {
        String pkg = name.substring(name.indexOf(':') + 1);
        return pkg.substring(pkg.lastIndexOf('/') + 1) + ".wasm";
    }

    /** RFC 3339 in UTC from the publish event's time, never the time of the request. */
    private static String created(PublishedVersion v) {
        return Instant.ofEpochSecond(v.publishedAt()).toString();
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
