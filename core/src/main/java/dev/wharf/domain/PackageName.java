package dev.wharf.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A registry package name, {@code namespace:package}, where the package part may have
 * {@code /}-separated segments ({@code run:calc/calculator}).
 *
 * <p>The rules are strict on purpose: a name ends up in URLs, HTML, Kafka keys and object
 * keys, so anything that could be a path trick, a control character or an encoding
 * ambiguity is refused here, once, rather than escaped everywhere.
 */
public record PackageName(String namespace, String pkg) implements Comparable<PackageName> {

    public static final int MAX_LENGTH = 128;
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public PackageName {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidInput("namespace '" + printable(namespace)
                    + "' must be lower-case letters, digits and '-', starting with a letter or digit");
        }
        for (String segment : pkg.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                throw new InvalidInput("package '" + printable(pkg)
                        + "' must be '/'-separated segments of lower-case letters, digits, '.', '_' and '-'");
            }
        }
        if (namespace.length() + 1 + pkg.length() > MAX_LENGTH) {
            throw new InvalidInput("package name is longer than " + MAX_LENGTH + " characters");
        }
    }

    /** Parses {@code ns:pkg}; throws {@link InvalidInput} with a message a person can act on. */
    public static PackageName parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("package name is required (namespace:package)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInput("package name is longer than " + MAX_LENGTH + " characters");
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw new InvalidInput("package name '" + printable(text) + "' must be namespace:package with exactly one ':'");
        }
        return new PackageName(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The kebab-case and path pieces of the name, for search: {@code wasi:http-proxy} gives wasi, http, proxy. */
    public List<String> parts() {
        return List.of((namespace + "-" + pkg.replace('/', '-').replace('.', '-').replace('_', '-')).split("-+"));
    }

    @Override
    public String toString() {
        return namespace + ":" + pkg;
    }

    @Override
    public int compareTo(PackageName other) {
        return toString().compareTo(other.toString());
    }

    /** Keeps error messages one readable line whatever the client sent. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
            else out.appendCodePoint(c);
        });
        return s.codePointCount(0, s.length()) > 80 ? out + "…" : out.toString();
    }
}
