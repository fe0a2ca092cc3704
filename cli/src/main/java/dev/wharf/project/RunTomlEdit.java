package dev.wharf.project;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds or changes one dependency in the text of {@code run.toml}, touching only that line so
 * comments, order and formatting survive (a TOML writer would rewrite the whole file). The result
 * is parsed again before it is used, so an edit can never leave an unreadable file.
 */
public final class RunTomlEdit {

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\s*([^\\[\\]]+?)\\s*]\\s*(#.*)?$");
    private static final Pattern INLINE_VERSION = Pattern.compile("(version\\s*=\\s*)\"[^\"]*\"");

    private RunTomlEdit() {}

    /** A new {@code run.toml} for a project that had none, as Run creates one: named after its folder. */
    public static String fresh(String projectName, boolean dev, String name, String requirement) {
        return "[project]\nname = " + quote(projectName) + "\nversion = \"0.1.0\"\n\n"
                + "[" + (dev ? "dev-dependencies" : "dependencies") + "]\n" + quote(name) + " = " + quote(requirement) + "\n";
    }

    /** {@code text} with {@code name = requirement} in {@code [dependencies]} (or {@code [dev-dependencies]}). */
    public static String withDependency(String text, boolean dev, String name, String requirement) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        if (endsWithNewline && !lines.isEmpty()) lines.removeLast();
        List<String> sections = dev ? List.of("dev-dependencies", "dev_dependencies") : List.of("dependencies");
        String entry = quote(name) + " = " + quote(requirement);

        String current = null;
        int sectionStart = -1;
        int lastEntryInSection = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher header = HEADER.matcher(line);
            if (header.matches() && !line.strip().startsWith("[[")) {
                current = header.group(1);
                if (sections.contains(current) && sectionStart < 0) {
                    sectionStart = i;
                    lastEntryInSection = i;
                }
                for (String section : sections) {
                    if (isTableFor(current, section, name)) return replaceInTable(lines, i, requirement, eol, endsWithNewline);
                }
                continue;
            }
            if (line.strip().startsWith("[[")) {
                current = null;
                continue;
            }
            if (current == null || !sections.contains(current)) continue;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) continue;
            lastEntryInSection = i;
            int eq = stripped.indexOf('=');
            if (eq > 0 && unquote(stripped.substring(0, eq)).equals(name)) {
                String value = stripped.substring(eq + 1).strip();
                if (value.startsWith("{") && INLINE_VERSION.matcher(value).find()) {
                    lines.set(i, line.substring(0, line.indexOf('=') + 1) + " "
                            + INLINE_VERSION.matcher(value).replaceFirst("$1" + Matcher.quoteReplacement(quote(requirement))));
                } else {
                    lines.set(i, entry);
                }
                return join(lines, eol, endsWithNewline);
            }
        }
        if (sectionStart >= 0) {
            lines.add(lastEntryInSection + 1, entry);
            return join(lines, eol, endsWithNewline);
        }
        while (!lines.isEmpty() && lines.getLast().isBlank()) lines.removeLast();
        if (!lines.isEmpty()) lines.add("");
        lines.add("[" + sections.getFirst() + "]");
        lines.add(entry);
        return join(lines, eol, true);
    }

    private static boolean isTableFor(String header, String section, String name) {
        if (!header.startsWith(section + ".")) return false;
        return unquote(header.substring(section.length() + 1)).equals(name);
    }

    private static String replaceInTable(List<String> lines, int headerIndex, String requirement, String eol, boolean endsWithNewline) {
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            String stripped = lines.get(i).strip();
            if (stripped.startsWith("[")) break;
            if (stripped.startsWith("version") && stripped.substring("version".length()).strip().startsWith("=")) {
                lines.set(i, "version = " + quote(requirement));
                return join(lines, eol, endsWithNewline);
            }
        }
        lines.add(headerIndex + 1, "version = " + quote(requirement));
        return join(lines, eol, endsWithNewline);
    }

    private static String join(List<String> lines, String eol, boolean endsWithNewline) {
        String body = String.join(eol, lines);
        return endsWithNewline ? body + eol : body;
    }

    private static String unquote(String key) {
        String k = key.strip();
        if (k.length() >= 2 && (k.startsWith("\"") && k.endsWith("\"") || k.startsWith("'") && k.endsWith("'"))) {
            return k.substring(1, k.length() - 1);
        }
        return k;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
