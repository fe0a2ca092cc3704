package dev.wharf.oci;

import dev.wharf.domain.Sha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * An OCI content digest. Only {@code sha256} is served (image-spec "Digests": the one algorithm
 * every implementation must support, and the one Wharf's blobs are keyed by).
 */
public record Digest(Sha256 sha256) {

    /** image-spec "Digests": {@code algorithm ":" encoded}. */
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    public static boolean looksLikeDigest(String reference) {
        return reference != null && reference.contains(":");
    }

    /** DIGEST_INVALID unless it is {@code sha256:} and 64 lower-case hex digits. */
    public static Digest parse(String text) {
        if (text == null || text.length() > 200 || !GRAMMAR.matcher(text).matches()) {
            throw new OciError(OciError.Code.DIGEST_INVALID, "'" + OciNames.printable(text) + "' is not a digest (sha256:<64 hex digits>)");
        }
        if (!text.startsWith("sha256:")) {
            throw new OciError(OciError.Code.DIGEST_INVALID, "only sha256 digests are supported, not '" + OciNames.printable(text) + "'");
        }
        String hex = text.substring(7);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new OciError(OciError.Code.DIGEST_INVALID, "a sha256 digest is 64 lower-case hex digits");
        }
        return new Digest(new Sha256(hex));
    }

    public static Digest of(Sha256 sha) {
        return new Digest(sha);
    }

    public static Digest of(byte[] bytes) {
        return new Digest(Sha256.of(newSha256().digest(bytes)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + sha256.hex();
    }
}
