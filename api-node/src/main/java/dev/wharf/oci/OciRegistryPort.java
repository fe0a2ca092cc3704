package dev.wharf.oci;

import dev.wharf.registry.PublishTokens;
import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.Sha256;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.domain.VersionRecord;
import dev.wharf.packages.DownloadCounter;
import dev.wharf.domain.Refusal;
import dev.wharf.events.PublishVersion;
import dev.wharf.registry.PublishForm;
import dev.wharf.registry.PublishResult;
import dev.wharf.registry.PublishService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The only door from the OCI routes into the rest of the server: version reads, blob bytes,
 * download counts, token checks and publishes. Everything the OCI code needs from Wharf goes
 * through here and comes back as {@link PublishedVersion}, {@link Pusher} or {@link OciError},
 * so when those services move or change how they refuse, only this class changes.
 */
public final class OciRegistryPort {

    /** Someone whose token was accepted; opaque to the rest of the OCI code. */
    public static final class Pusher {
        private final dev.wharf.governance.Principal grant;

        private Pusher(dev.wharf.governance.Principal grant) {
            this.grant = grant;
        }
    }

    /** How a push ended: published (201), or durable in the log and not yet decided. */
    public sealed interface Published {
        record Now(PublishedVersion version) implements Published {}

        record Pending(UUID eventId) implements Published {}
    }

    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final PublishService publishes;
    private final PublishTokens tokens;
    private final DownloadCounter downloads;

    public OciRegistryPort(MetadataStore metadata, BlobStore blobs, PublishService publishes, PublishTokens tokens,
                           DownloadCounter downloads) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.publishes = publishes;
        this.tokens = tokens;
        this.downloads = downloads;
    }

    /** Every version of a package (semver order), or empty when the package is unknown. */
    public Optional<List<PublishedVersion>> versions(PackageName name) {
        try {
            return metadata.versions(name).map(list -> list.stream().map(OciRegistryPort::published).toList());
        } catch (RuntimeException e) {
            throw unavailable("the metadata store");
        }
    }

    public Optional<PublishedVersion> version(PackageName name, PackageVersion version) {
        try {
            return metadata.version(name, version).map(OciRegistryPort::published);
        } catch (RuntimeException e) {
            throw unavailable("the metadata store");
        }
    }

    public InputStream open(Sha256 sha, long offset, long length) {
        try {
            return blobs.open(sha, offset, length);
        } catch (BlobNotFound e) {
            throw new OciError(OciError.Code.UNAVAILABLE, "the bytes of this blob are not in the blob store yet; try again");
        } catch (IOException e) {
            throw unavailable("the blob store");
        }
    }

    public boolean blobExists(Sha256 sha) {
        try {
            return blobs.exists(sha);
        } catch (IOException e) {
            throw unavailable("the blob store");
        }
    }

    /** A layer download, counted like {@code artifact.wasm}: batched into the log by the node's counter. */
    public void countDownload(PublishedVersion v) {
        downloads.count(v.name(), v.version());
    }

    /**
     * OCI clients send the token the way they send any registry password: HTTP Basic with the
     * Wharf token as the password and any user name (docker/skopeo/oras {@code user:TOKEN}), or
     * as a Bearer token.
     */
    public Pusher authenticate(String authorization) {
        String bearer = authorization;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OciError(OciError.Code.UNAUTHORIZED, "malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            bearer = "Bearer " + (colon < 0 ? decoded : decoded.substring(colon + 1));
        }
        try {
            return new Pusher(tokens.authenticate(bearer));
        } catch (Refusal e) {
            throw new OciError(OciError.Code.UNAUTHORIZED,
                    "push needs a Wharf token: HTTP Basic with the token as the password (any user name), or Bearer");
        }
    }

    public void authorize(Pusher pusher, PackageName name) {
        try {
            pusher.grant.mayPublish(name);
        } catch (Refusal e) {
            throw new OciError(OciError.Code.DENIED, e.getMessage());
        }
    }

    /**
     * A Run publish of {@code file} with the given form fields ({@code name}, {@code version},
     * {@code sha256}, {@code description}, ...): the same rules, event and read-your-writes wait.
     * A version that exists already is {@link OciError.Code#DENIED} with status 409.
     */
    public Published publish(Pusher pusher, Map<String, String> fields, Path file, Sha256 sha, long size)
            throws InterruptedException {
        PublishResult result;
        try {
            result = publishes.publish(pusher.grant, new PublishForm(fields, file, sha, size));
        } catch (Refusal e) {
            // The core's refusals, in the OCI error vocabulary (the Run routes map them in ErrorMappers).
            throw switch (e) {
                case Refusal.Unauthenticated u -> new OciError(OciError.Code.UNAUTHORIZED, e.getMessage());
                case Refusal.Forbidden f -> new OciError(OciError.Code.DENIED, e.getMessage());
                case Refusal.Conflict c -> new OciError(OciError.Code.DENIED, 409, e.getMessage() + "; versions are immutable", null);
                case Refusal.TooLarge t -> new OciError(OciError.Code.SIZE_INVALID, 413, e.getMessage(), null);
                case Refusal.Unavailable u -> new OciError(OciError.Code.UNAVAILABLE, e.getMessage());
                default -> OciError.manifestInvalid(e.getMessage());
            };
        }
        return switch (result) {
            case PublishResult.Published p -> new Published.Now(published(p.event()));
            case PublishResult.Pending p -> new Published.Pending(p.eventId());
        };
    }

    private static PublishedVersion published(VersionRecord v) {
        return new PublishedVersion(v.name(), v.version(), v.description(), v.license(), v.repository(), v.sha256(),
                v.size(), v.publishedAt(), v.kind(), v.imports(), v.exports());
    }

    private static PublishedVersion published(PublishVersion p) {
        return new PublishedVersion(p.name(), p.version(), p.description(), p.license(), p.repository(), p.sha256(),
                p.size(), p.publishedAt(), p.wasm() == null ? null : p.wasm().kind(),
                p.wasm() == null ? List.of() : p.wasm().imports(), p.wasm() == null ? List.of() : p.wasm().exports());
    }

    private static OciError unavailable(String what) {
        return new OciError(OciError.Code.UNAVAILABLE, what + " is unavailable; try again");
    }
}
