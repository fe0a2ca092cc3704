package dev.wharf.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OCI view of Wharf's packages, and pushes into them. Reads derive everything from the
 * version records ({@link WasmManifest}); a pushed manifest becomes a Run publish of its one
 * layer, so OCI and Run share every rule (namespaces, semver, immutability, limits).
 */
public final class OciRepository {

    /** One page of {@code tags/list}; {@code next} is the {@code last} of the following page, if any. */
    public record TagPage(String name, List<String> tags, Optional<String> next) {}

    /** What a blob digest names in a repository. */
    public sealed interface BlobContent {
        long size();

        /** A version's component bytes, in the blob store. */
        record Layer(PublishedVersion version) implements BlobContent {
            public long size() {
                return version.size();
            }
        }

        /** A derived config document, or a pushed blob still waiting in the spool. */
        record Bytes(byte[] bytes) implements BlobContent {
            public long size() {
                return bytes.length;
            }
        }

        record Uploaded(BlobUploads.Blob blob) implements BlobContent {
            public long size() {
                return blob.size();
            }
        }
    }

    /** How a manifest push ended. */
    public sealed interface Pushed {
        record Stored(WasmManifest manifest) implements Pushed {}

        record Pending(UUID eventId) implements Pushed {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OciNames names;
    private final OciRegistryPort port;
    private final BlobUploads uploads;

    public OciRepository(OciNames names, OciRegistryPort port, BlobUploads uploads) {
        this.names = names;
        this.port = port;
        this.uploads = uploads;
    }

    public OciNames names() {
        return names;
    }

    /**
     * Tags in lexical (byte) order, as distribution-spec "Listing Tags" asks so that {@code last}
     * pages deterministically; {@code 1.10.0} sorts before {@code 1.2.0} here (the Run API's
     * {@code /versions} gives semver order; wkg sorts by semver itself).
     */
    public TagPage tags(String repository, Integer n, String last) {
        if (n != null && n < 0) throw new OciError(OciError.Code.PAGINATION_NUMBER_INVALID, "n must be 0 or more");
        List<String> all = versions(repository).stream().map(v -> OciNames.tagOf(v.version())).sorted().toList();
        List<String> after = last == null ? all : all.stream().filter(t -> t.compareTo(last) > 0).toList();
        if (n == null || n >= after.size()) return new TagPage(repository, after, Optional.empty());
        List<String> page = after.subList(0, n);
        return new TagPage(repository, page, page.isEmpty() ? Optional.empty() : Optional.of(page.get(page.size() - 1)));
    }

    /** The manifest of a tag (a version) or of a manifest digest. */
    public WasmManifest manifest(String repository, String reference) {
        if (Digest.looksLikeDigest(reference)) {
            Digest digest = Digest.parse(reference);
            for (PublishedVersion v : versions(repository)) {
                WasmManifest m = WasmManifest.of(v);
                if (m.manifestDigest().equals(digest)) return m;
            }
            throw OciError.manifestUnknown(repository, reference);
        }
        PackageName name = names.packageOf(repository).orElseThrow(() -> OciError.nameUnknown(repository));
        PackageVersion version = OciNames.versionOf(reference).orElseThrow(() -> OciError.manifestUnknown(repository, reference));
        return port.version(name, version).map(WasmManifest::of).orElseThrow(() -> {
            // NAME_UNKNOWN tells wkg "no such package", MANIFEST_UNKNOWN "no such version".
            if (port.versions(name).isEmpty()) return OciError.nameUnknown(repository);
            return OciError.manifestUnknown(repository, reference);
        });
    }

    /** A layer, a config, or a pushed blob not yet used by a manifest; BLOB_UNKNOWN otherwise. */
    public BlobContent blob(String repository, String digestText) {
        Digest digest = Digest.parse(digestText);
        Optional<BlobUploads.Blob> uploaded = uploads.blob(repository, digest);
        if (uploaded.isPresent()) return new BlobContent.Uploaded(uploaded.get());
        PackageName name = names.packageOf(repository).orElseThrow(() -> OciError.blobUnknown(repository, digestText));
        for (PublishedVersion v : port.versions(name).orElse(List.of())) {
            if (v.sha256().equals(digest.sha256().hex())) return new BlobContent.Layer(v);
            WasmManifest m = WasmManifest.of(v);
            if (m.configDigest().equals(digest)) return new BlobContent.Bytes(m.config());
        }
        throw OciError.blobUnknown(repository, digestText);
    }

    public InputStream open(BlobContent.Layer layer, long offset, long length) {
        return port.open(new Sha256(layer.version().sha256()), offset, length);
    }

    public void countDownload(BlobContent.Layer layer) {
        port.countDownload(layer.version());
    }

    /**
     * A pushed manifest: one {@code application/wasm} layer under the Wasm config media type,
     * tagged with a semver version, becomes a Run publish of that layer. The config the client
     * pushed is not kept (the registry derives its own from the publish), so the manifest
     * answered, and its digest, are the registry's. The same bytes under an existing version
     * answer 201 with the existing digest; other bytes are refused (versions are immutable).
     */
    public Pushed pushManifest(OciRegistryPort.Pusher pusher, String repository, String reference, String contentType, byte[] body)
            throws InterruptedException {
        PackageName name = names.packageToPush(repository);
        port.authorize(pusher, name);
        if (Digest.looksLikeDigest(reference)) {
            throw new OciError(OciError.Code.TAG_INVALID, "push by tag: the tag is the version (e.g. 1.0.0), not a digest");
        }
        PackageVersion version = OciNames.versionToPush(reference);
        PushedManifest pushed = PushedManifest.parse(contentType, body);

        Optional<Pushed> same = existing(name, version, pushed);
        if (same.isPresent()) return same.get();

        Path file = layerBytes(repository, pushed);
        boolean scratch = uploads.blob(repository, pushed.layer()).map(b -> !b.file().equals(file)).orElse(true);
        try {
            long size = Files.size(file);
            if (size != pushed.layerSize()) {
                throw OciError.manifestInvalid("the layer's size is " + pushed.layerSize() + " in the manifest but its blob has " + size + " bytes");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", name.toString());
            fields.put("version", version.toString());
            fields.put("sha256", pushed.layer().sha256().hex());
            pushed.annotation("org.opencontainers.image.description").ifPresent(d -> fields.put("description", d));
            pushed.annotation("org.opencontainers.image.licenses").ifPresent(l -> fields.put("license", l));
            pushed.annotation("org.opencontainers.image.source").filter(OciRepository::isHttpUrl)
                    .or(() -> pushed.annotation("org.opencontainers.image.url").filter(OciRepository::isHttpUrl))
                    .ifPresent(s -> fields.put("repository", s));
            OciRegistryPort.Published published;
            try {
                published = port.publish(pusher, fields, file, pushed.layer().sha256(), size);
            } catch (OciError e) {
                if (e.status() != 409) throw e;
                // Lost a race to a publish of the same version: fine if it was the same bytes.
                return existing(name, version, pushed).orElseThrow(() -> e);
            }
            uploads.forget(repository, pushed.layer());
            pushed.config().ifPresent(c -> uploads.forget(repository, c));
            return switch (published) {
                case OciRegistryPort.Published.Now now ->
                        new Pushed.Stored(WasmManifest.of(port.version(name, version).orElse(now.version())));
                case OciRegistryPort.Published.Pending p -> new Pushed.Pending(p.eventId());
            };
        } catch (IOException e) {
            throw new OciError(OciError.Code.UNAVAILABLE, "the upload spool is unavailable; try again");
        } finally {
            if (scratch) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // BlobUploads empties its directory on start.
                }
            }
        }
    }

    private Optional<Pushed> existing(PackageName name, PackageVersion version, PushedManifest pushed) {
        Optional<PublishedVersion> current = port.version(name, version);
        if (current.isEmpty()) return Optional.empty();
        if (!current.get().sha256().equals(pushed.layer().sha256().hex())) {
            throw new OciError(OciError.Code.DENIED, 409, name + "@" + current.get().version()
                    + " already exists with other bytes (" + "sha256:" + current.get().sha256() + "); versions are immutable", null);
        }
        return Optional.of(new Pushed.Stored(WasmManifest.of(current.get())));
    }

    /** The layer's bytes: uploaded to this repository, or already in the blob store (a client skips uploads HEAD finds). */
    private Path layerBytes(String repository, PushedManifest pushed) {
        Optional<BlobUploads.Blob> uploaded = uploads.blob(repository, pushed.layer());
        if (uploaded.isPresent()) return uploaded.get().file();
        if (!port.blobExists(pushed.layer().sha256())) {
            throw new OciError(OciError.Code.MANIFEST_BLOB_UNKNOWN, "the layer " + pushed.layer()
                    + " was not uploaded to " + repository + " (or its upload expired); push the blob first");
        }
        try {
            Path copy = uploads.scratchFile();
            try (InputStream in = port.open(pushed.layer().sha256(), 0, -1)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new OciError(OciError.Code.UNAVAILABLE, "the blob store is unavailable; try again");
        }
    }

    private List<PublishedVersion> versions(String repository) {
        PackageName name = names.packageOf(repository).orElseThrow(() -> OciError.nameUnknown(repository));
        return port.versions(name).orElseThrow(() -> OciError.nameUnknown(repository));
    }

    private static boolean isHttpUrl(String s) {
        return s.startsWith("https://") || s.startsWith("http://");
    }

    /** What a client pushed, once it is known to be a Wasm artifact manifest. */
    record PushedManifest(Digest layer, long layerSize, Optional<Digest> config, Map<String, String> annotations) {

        Optional<String> annotation(String key) {
            return Optional.ofNullable(annotations.get(key)).filter(s -> !s.isBlank());
        }

        static PushedManifest parse(String contentType, byte[] body) {
            JsonNode m;
            try {
                m = JSON.readTree(body);
            } catch (IOException e) {
                throw OciError.manifestInvalid("the manifest is not JSON");
            }
            if (m == null || !m.isObject()) throw OciError.manifestInvalid("the manifest is not a JSON object");
            String type = m.path("mediaType").asText(null);
            String declared = contentType == null ? null : contentType.split(";")[0].strip();
            for (String t : new String[] {type, declared}) {
                if (t != null && !t.isEmpty() && !t.equals(WasmManifest.MANIFEST_TYPE)) {
                    throw new OciError(OciError.Code.UNSUPPORTED, "'" + OciNames.printable(t) + "' is not accepted: Wharf holds Wasm "
                            + "components, pushed as one " + WasmManifest.MANIFEST_TYPE + " (no indexes, no Docker manifests)");
                }
            }
            if (m.path("schemaVersion").asInt() != 2) throw OciError.manifestInvalid("schemaVersion must be 2");
            String configType = m.path("config").path("mediaType").asText("");
            if (!configType.equals(WasmManifest.CONFIG_TYPE)) {
                throw new OciError(OciError.Code.UNSUPPORTED, "config media type '" + OciNames.printable(configType)
                        + "' is not a Wasm artifact: use " + WasmManifest.CONFIG_TYPE + " (images are not accepted)");
            }
            JsonNode layers = m.path("layers");
            if (!layers.isArray() || layers.size() != 1) {
                throw new OciError(OciError.Code.UNSUPPORTED, "a Wasm artifact has exactly one layer, this manifest has "
                        + (layers.isArray() ? layers.size() : 0));
            }
            JsonNode layer = layers.get(0);
            if (!WasmManifest.LAYER_TYPE.equals(layer.path("mediaType").asText())) {
                throw new OciError(OciError.Code.UNSUPPORTED, "the layer's media type must be " + WasmManifest.LAYER_TYPE + ", not '"
                        + OciNames.printable(layer.path("mediaType").asText()) + "'");
            }
            if (!layer.path("size").canConvertToLong() || layer.path("size").asLong() < 0) {
                throw OciError.manifestInvalid("the layer needs its size");
            }
            Digest layerDigest = Digest.parse(layer.path("digest").asText(null));
            Optional<Digest> config = Optional.ofNullable(m.path("config").path("digest").asText(null)).map(Digest::parse);
            Map<String, String> annotations = new LinkedHashMap<>();
            m.path("annotations").properties().forEach(e -> {
                if (e.getValue().isTextual()) annotations.put(e.getKey(), e.getValue().asText());
            });
            return new PushedManifest(layerDigest, layer.path("size").asLong(), config, annotations);
        }
    }
}
