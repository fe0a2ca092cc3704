package dev.wharf.resolve;

import java.util.Objects;
import org.semver4j.Semver;

/**
 * A semantic version as Run's lockfile writes it ({@code 1.2.3-pre.1+build}). Parsing is strict
 * like Rust's {@code semver} crate: no {@code v} prefix, no partial versions, no leading zeros.
 */
public final class Version implements Comparable<Version> {

    private final Semver semver;
    private final String text;

    private Version(Semver semver) {
        this.semver = semver;
        StringBuilder b = new StringBuilder()
                .append(semver.getMajor()).append('.').append(semver.getMinor()).append('.').append(semver.getPatch());
        if (!semver.getPreRelease().isEmpty()) b.append('-').append(String.join(".", semver.getPreRelease()));
        if (!semver.getBuild().isEmpty()) b.append('+').append(String.join(".", semver.getBuild()));
        this.text = b.toString();
    }

    /** The version, or an {@link IllegalArgumentException} whose message says what is wrong. */
    public static Version parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("an empty string is not a version");
        String t = text.strip();
        Semver semver = t.startsWith("v") || t.startsWith("V") || t.startsWith("=") ? null : Semver.parse(t);
        if (semver == null) throw new IllegalArgumentException("'" + text + "' is not a semantic version (like 1.2.0)");
        return new Version(semver);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Semver semver() {
        return semver;
    }

    @Override
    public int compareTo(Version other) {
        int c = semver.compareTo(other.semver);
        // Precedence ignores build metadata; break the tie so ordering agrees with equals.
        return c != 0 ? c : text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
