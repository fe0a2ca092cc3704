package dev.wharf.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;

/**
 * A version requirement as written in {@code run.toml} and in a package's {@code dependencies}:
 * Cargo's syntax, which Run uses, so a bare version means {@code ^} ({@code "0.2.0"} allows
 * {@code 0.2.x}). Comparators are joined by commas (or spaces); {@code ||} separates
 * alternatives. The text is kept as written, for messages and for {@code run.toml}.
 */
public final class Requirement {

    private static final String PART = "(?:0|[1-9]\\d*|\\*|x|X)";
    private static final Pattern COMPARATOR = Pattern.compile(
            "(=|>=|<=|>|<|~|\\^)?\\s*(" + PART + "(?:\\." + PART + "){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)");
    private static final Pattern WILDCARD = Pattern.compile("(^|\\.)[*xX](\\.|$|-)");
    private static final Pattern OPERATOR_SPACE = Pattern.compile("(>=|<=|=|>|<|~|\\^)\\s+");

    private final String text;
    private final RangesList ranges;

    private Requirement(String text, RangesList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    public static final Requirement ANY = parse("*");

    /** The requirement, or an {@link IllegalArgumentException} saying why the text is not one. */
    public static Requirement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty string is not a version requirement");
        }
        String trimmed = text.strip();
        List<String> alternatives = new ArrayList<>();
        for (String alternative : trimmed.split("\\|\\|", -1)) {
            alternatives.add(translate(alternative, trimmed));
        }
        return new Requirement(trimmed, RangesListFactory.create(String.join(" || ", alternatives)));
    }

    /** One AND-group in Cargo syntax, rewritten in the npm syntax semver4j evaluates. */
    private static String translate(String group, String whole) {
        String joined = OPERATOR_SPACE.matcher(group.strip()).replaceAll("$1");
        List<String> out = new ArrayList<>();
        for (String token : joined.split("[,\\s]+")) {
            if (token.isEmpty()) continue;
            var m = COMPARATOR.matcher(token);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + whole + "' is not a version requirement (like ^1.2.0, ~1.2, >=1.0, <2.0 or 1.2.0)");
            }
            String op = m.group(1);
            String version = m.group(2);
            if (op == null) {
                // Cargo: a bare version is a caret requirement; a wildcard stays a wildcard.
                out.add(WILDCARD.matcher(version).find() || version.equals("*") ? version : "^" + version);
            } else if (op.equals("=") && version.split("\\.").length < 3) {
                out.add(version); // Cargo's "=1.2" is 1.2.x
            } else {
                out.add(op + version);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + whole + "' is not a version requirement (like ^1.2.0, ~1.2, >=1.0, <2.0 or 1.2.0)");
        }
        return String.join(" ", out);
    }

    public boolean allows(Version version) {
        return ranges.isSatisfiedBy(version.semver());
    }

    /** True when this requirement pins exactly one version ({@code =1.2.0}). */
    public boolean isExact() {
        return text.startsWith("=") && Version.isValid(text.substring(1).strip());
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
