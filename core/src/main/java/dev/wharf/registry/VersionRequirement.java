package dev.wharf.registry;

import dev.wharf.domain.InvalidInput;
import java.util.regex.Pattern;

/**
 * A dependency's version requirement as resolvers read it: Cargo's syntax, which Run's client
 * parses with Rust's {@code semver} crate — comparators separated by commas
 * ({@code >=1.0, <2.0}), each an optional operator ({@code = > >= < <= ~ ^}) and a version that
 * may be partial or a wildcard ({@code 1}, {@code 1.2}, {@code 1.*}, {@code *}). Space-separated
 * comparators and {@code ||} are npm's, not Cargo's: a client could not resolve them, so a
 * publish naming one is refused rather than stored.
 */
public final class VersionRequirement {

    static final int MAX_LENGTH = 256;
    private static final String NUMBER = "(?:0|[1-9][0-9]*)";
    private static final String WILD = "(?:\\*|x|X)";
    private static final String IDENT = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern COMPARATOR = Pattern.compile(
            "(?:=|>=|<=|>|<|~|\\^)?\\s*(?:" + WILD + "|" + NUMBER + "(?:\\." + WILD + "|\\." + NUMBER
                    + "(?:\\." + WILD + "|\\." + NUMBER + "(?:-" + IDENT + ")?(?:\\+" + IDENT + ")?)?)?)");

    private VersionRequirement() {}

    /** Refuses a requirement a Cargo-syntax resolver could not parse, naming the dependency. */
    public static void check(String dependency, String requirement) {
        if (requirement.isBlank()) throw new InvalidInput("dependencies: " + dependency + " has an empty version requirement");
        if (requirement.length() > MAX_LENGTH) {
            throw new InvalidInput("dependencies: the version requirement of " + dependency + " is longer than " + MAX_LENGTH + " characters");
        }
        for (String comparator : requirement.split(",", -1)) {
            if (!COMPARATOR.matcher(comparator.strip()).matches()) {
                throw new InvalidInput("dependencies: '" + printable(requirement) + "' (for " + dependency
                        + ") is not a version requirement: use Cargo's syntax, e.g. 1.2, ^1.2.3, ~1.2, >=1.0, <2.0");
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
