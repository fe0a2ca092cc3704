package dev.wharf.resolve;

import java.util.ArrayList;
import java.util.List;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;

/**
 * A version requirement as written in {@code run.toml} and in a package's {@code dependencies}:
 * exactly the syntax Run reads, because Run parses both with Rust's {@code semver} crate
 * ({@code VersionReq::parse}). That is Cargo's syntax: comparators joined by commas
 * ({@code >=1.0, <2.0}), a bare version meaning {@code ^} ({@code "0.2.0"} allows {@code 0.2.x}),
 * {@code ~1.2}, {@code =1.2.0}, {@code 1.*}, {@code *}. Space-separated comparators and {@code ||}
 * (npm's syntax) are refused with a sentence saying what to write instead: Run would refuse them
 * too, so wharf never writes one into {@code run.toml} (issue 13).
 *
 * <p>The grammar below follows semver 1.0's {@code parse.rs}: spaces only around operators and
 * commas, no wildcard in the major position unless it is the whole requirement, a pre-release only
 * after a full version, no leading zeros, at most 32 comparators. Matching is delegated to
 * semver4j, given the requirement in the npm form it evaluates.
 */
public final class Requirement {

    private static final int MAX_COMPARATORS = 32; // semver 1.0: ErrorKind::ExcessiveComparators
    private static final String EXAMPLES = "like ^1.2.0, ~1.2, >=1.0, <2.0 or 1.2.0";

    private final String text;
    private final RangesList ranges;

    private Requirement(String text, RangesList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    public static final Requirement ANY = parse("*");

    /** The requirement, or an {@link IllegalArgumentException} saying why Run could not read the text. */
    public static Requirement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty string is not a version requirement");
        }
        String trimmed = text.strip();
        if (trimmed.contains("||")) {
            throw new IllegalArgumentException("'" + trimmed + "' uses ||, which Run's version requirements (Cargo syntax) do not have;"
                    + " write one range, " + EXAMPLES);
        }
        List<String> npm = new Grammar(trimmed).requirement();
        return new Requirement(trimmed, RangesListFactory.create(String.join(" ", npm)));
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

    /** A recursive-descent reading of semver 1.0's {@code VersionReq} grammar; returns each comparator in npm form. */
    private static final class Grammar {
        private final String whole;
        private int at;

        Grammar(String whole) {
            this.whole = whole;
        }

        List<String> requirement() {
            skipSpaces();
            if (wildcardAt(at)) {
                at++;
                skipSpaces();
                if (at == whole.length()) return List.of("*");
                throw refused(peek() == ',' ? "a wildcard (*) must be the only comparator" : null);
            }
            List<String> out = new ArrayList<>();
            while (true) {
                out.add(comparator());
                skipSpaces();
                if (at == whole.length()) return out;
                if (peek() != ',') {
                    throw refused(out.size() >= 1 && startsComparator()
                            ? "separate comparators with a comma, like >=1.0, <2.0" : null);
                }
                at++;
                skipSpaces();
                if (out.size() + 1 > MAX_COMPARATORS) throw refused("at most " + MAX_COMPARATORS + " comparators");
            }
        }

        private String comparator() {
            String op = operator();
            skipSpaces();
            String major = number();
            String minor = null;
            String patch = null;
            boolean wildcard = false;
            if (peek() == '.') {
                at++;
                if (wildcardAt(at)) {
                    at++;
                    wildcard = true;
                } else {
                    minor = number();
                }
                if (peek() == '.') {
                    at++;
                    if (wildcardAt(at)) {
                        at++;
                        wildcard = true;
                    } else if (wildcard) {
                        throw refused("nothing but a wildcard may follow a wildcard");
                    } else {
                        patch = number();
                    }
                }
            }
            String pre = null;
            if (patch != null && peek() == '-') {
                at++;
                pre = identifiers(true);
            }
            if (patch != null && peek() == '+') {
                at++;
                identifiers(false); // build metadata: read, and ignored in comparisons as semver does
            }
            return npm(op, major, minor, patch, pre, wildcard);
        }

        /** The same comparator in the form semver4j evaluates; Cargo's defaults made explicit. */
        private static String npm(String op, String major, String minor, String patch, String pre, boolean wildcard) {
            String version = major + (minor == null ? "" : "." + minor) + (patch == null ? "" : "." + patch)
                    + (pre == null ? "" : "-" + pre);
            if (op.isEmpty()) {
                // Cargo: a bare version is a caret requirement; 1.* and 1.2.* are wildcards.
                return wildcard ? version + ".*" : "^" + version;
            }
            if (op.equals("=") && patch == null) {
                return minor == null ? major + ".x" : major + "." + minor + ".x"; // Cargo's =1.2 is 1.2.x
            }
            return op + version;
        }

        private String operator() {
            for (String op : List.of(">=", "<=", "=", ">", "<", "~", "^")) {
                if (whole.startsWith(op, at)) {
                    at += op.length();
                    return op;
                }
            }
            return "";
        }

        private String number() {
            int start = at;
            while (at < whole.length() && Character.isDigit(whole.charAt(at)) && whole.charAt(at) < 128) at++;
            if (at == start) throw refused(null);
            String digits = whole.substring(start, at);
            if (digits.length() > 1 && digits.charAt(0) == '0') throw refused("a version number has no leading zero");
            try {
                Long.parseUnsignedLong(digits); // semver's numbers are u64
            } catch (NumberFormatException e) {
                throw refused("a version number is too large");
            }
            return digits;
        }

        /** Dot-separated identifiers of letters, digits and '-'; numeric pre-release identifiers have no leading zero. */
        private String identifiers(boolean prerelease) {
            int start = at;
            while (true) {
                int segment = at;
                boolean nonDigit = false;
                while (at < whole.length() && (isAlnum(whole.charAt(at)) || whole.charAt(at) == '-')) {
                    if (!Character.isDigit(whole.charAt(at))) nonDigit = true;
                    at++;
                }
                if (at == segment) throw refused("an empty " + (prerelease ? "pre-release" : "build") + " identifier");
                if (prerelease && !nonDigit && at - segment > 1 && whole.charAt(segment) == '0') {
                    throw refused("a numeric pre-release identifier has no leading zero");
                }
                if (peek() != '.') return whole.substring(start, at);
                at++;
            }
        }

        private boolean startsComparator() {
            char c = peek();
            return c == '>' || c == '<' || c == '=' || c == '~' || c == '^' || (c >= '0' && c <= '9');
        }

        private boolean wildcardAt(int i) {
            return i < whole.length() && (whole.charAt(i) == '*' || whole.charAt(i) == 'x' || whole.charAt(i) == 'X');
        }

        private static boolean isAlnum(char c) {
            return c < 128 && Character.isLetterOrDigit(c);
        }

        private void skipSpaces() {
            while (at < whole.length() && whole.charAt(at) == ' ') at++;
        }

        private char peek() {
            return at < whole.length() ? whole.charAt(at) : '\0';
        }

        private IllegalArgumentException refused(String why) {
            return new IllegalArgumentException("'" + whole + "' is not a version requirement Run can read ("
                    + (why == null ? EXAMPLES : why) + ")");
        }
    }
}
