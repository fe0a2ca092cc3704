package dev.wharf.domain;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex digits: the identity of a blob. */
public record Sha256(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        if (!HEX.matcher(hex).matches()) {
            throw new InvalidInput("sha256 must be 64 hex digits");
        }
    }

    /** Accepts upper-case from clients, stores and answers lower-case (the Run client compares case-sensitively). */
    public static Sha256 parse(String text) {
        if (text == null) throw new InvalidInput("sha256 is required");
        return new Sha256(text.trim().toLowerCase());
    }

    public static Sha256 of(byte[] digest) {
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    @Override
    public String toString() {
        return hex;
    }
}
