package dev.wharf.domain;

import java.util.Set;
import org.semver4j.Semver;

/**
 * A strict semantic version. Two versions that differ only in build metadata are the same
 * version here ({@link #key()}), because semver precedence ignores build metadata and a
 * registry must not hold both {@code 1.0.1+a} and {@code 1.0.1+b}.
 */
public record PackageVersion(Semver semver) implements Comparable<PackageVersion> {

    private static final Set<String> MUTABLE_TAGS = Set.of("latest", "dev", "stable");
    public static final int MAX_LENGTH = 64;

    public static PackageVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("version is required");
        }
        if (MUTABLE_TAGS.contains(text.trim().toLowerCase())) {
            throw new InvalidInput("version '" + text.trim() + "' is a mutable tag; publish an immutable semver version such as 1.0.0");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInput("version is longer than " + MAX_LENGTH + " characters");
        }
        Semver parsed = Semver.parse(text);
        if (parsed == null || !parsed.getVersion().equals(text)) {
            throw new InvalidInput("version '" + PackageName.printable(text) + "' is not a semantic version (MAJOR.MINOR.PATCH)");
        }
        return new PackageVersion(parsed);
    }

    /**
     * The version a search hit or a plain install should show: the highest release, or the
     * highest pre-release when a package has nothing else.
     */
    public static PackageVersion latest(java.util.Collection<PackageVersion> versions) {
        return versions.stream()
                .max(java.util.Comparator.comparing((PackageVersion v) -> v.semver.getPreRelease().isEmpty())
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .orElseThrow();
    }

    public boolean isPreRelease() {
        return !semver.getPreRelease().isEmpty();
    }

    /** The identity of the version within a package: everything but build metadata. */
    public String key() {
        String v = semver.getVersion();
        int plus = v.indexOf('+');
        return plus < 0 ? v : v.substring(0, plus);
    }

    @Override
    public int compareTo(PackageVersion other) {
        int byPrecedence = semver.compareTo(other.semver);
        return byPrecedence != 0 ? byPrecedence : semver.getVersion().compareTo(other.semver.getVersion());
    }

    @Override
    public String toString() {
        return semver.getVersion();
    }
}
