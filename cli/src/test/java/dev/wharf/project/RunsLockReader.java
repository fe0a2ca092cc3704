package dev.wharf.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Run 0.7.1's lockfile reader, ported line for line from {@code src/v2/registry/lockfile.rs}
 * ({@code Lockfile::parse}, {@code verify}, {@code serialize_without_checksum}) and
 * {@code Registry::load_lockfile} in {@code src/v2/registry/mod.rs}, so tests can ask "would Run
 * accept this run.lock?" without Run. Deliberately independent of wharf's {@link RunLock}:
 * it keeps Run's quirks, e.g. the checksum line is read only outside a component block, and
 * verify hashes the text without the header although serialize hashes it with the header.
 */
public final class RunsLockReader {

    public record Component(String name, String version, String sha256, List<String> dependencies) {}

    public final int version;
    public final Map<String, Component> components;
    public final String checksum;

    private RunsLockReader(int version, Map<String, Component> components, String checksum) {
        this.version = version;
        this.components = components;
        this.checksum = checksum;
    }

    /** {@code Registry::load_lockfile}: parse, then refuse when {@code verify()} is false. */
    public static RunsLockReader load(String content) {
        RunsLockReader lock = parse(content);
        if (!lock.verify()) throw new IllegalStateException("Lockfile conflict: Lockfile checksum mismatch");
        return lock;
    }

    public static RunsLockReader parse(String content) {
        int version = 1;
        String checksum = null;
        Map<String, Component> components = new HashMap<>();
        String[] current = null; // name, version, sha256
        List<String> deps = null;
        for (String raw : content.lines().toList()) { // Rust's str::lines: \n or \r\n
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[[component]]")) {
                if (current != null) components.put(current[0], new Component(current[0], current[1], current[2], deps));
                current = new String[] {"", "0.0.0", ""};
                deps = new ArrayList<>();
            } else if (current != null) {
                if (line.startsWith("name = ")) current[0] = trimQuotes(line.substring(7));
                else if (line.startsWith("version = ")) current[1] = semver(trimQuotes(line.substring(10)));
                else if (line.startsWith("sha256 = ")) current[2] = trimQuotes(line.substring(9));
                else if (line.startsWith("dependencies = ")) {
                    String list = line.substring(15);
                    while (list.startsWith("[")) list = list.substring(1);
                    while (list.endsWith("]")) list = list.substring(0, list.length() - 1);
                    deps = Arrays.stream(list.split(",", -1)).map(s -> trimQuotes(s.strip())).filter(s -> !s.isEmpty()).toList();
                }
                // anything else inside a block, the checksum line included, is ignored
            } else if (line.startsWith("version = ")) {
                try {
                    version = Integer.parseInt(line.substring(10));
                } catch (NumberFormatException e) {
                    version = 1;
                }
            } else if (line.startsWith("checksum = ")) {
                checksum = trimQuotes(line.substring(11));
            }
        }
        // Only the last block is dropped when nameless, as in Run.
        if (current != null && !current[0].isEmpty()) components.put(current[0], new Component(current[0], current[1], current[2], deps));
        return new RunsLockReader(version, components, checksum);
    }

    public boolean verify() {
        return checksum == null || checksum.equals(sha256(serializeWithoutChecksum()));
    }

    private String serializeWithoutChecksum() {
        StringBuilder out = new StringBuilder("version = " + version + "\n\n");
        components.values().stream().sorted((a, b) -> RunLock.byteOrder(a.name(), b.name())).forEach(c -> {
            out.append("[[component]]\n").append("name = \"").append(c.name()).append("\"\n")
                    .append("version = \"").append(c.version()).append("\"\n")
                    .append("sha256 = \"").append(c.sha256()).append("\"\n");
            if (!c.dependencies().isEmpty()) {
                out.append("dependencies = [").append(String.join(", ", c.dependencies().stream().map(d -> "\"" + d + "\"").toList())).append("]\n");
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** Rust's {@code trim_matches('"')}. */
    private static String trimQuotes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '"') a++;
        while (b > a && s.charAt(b - 1) == '"') b--;
        return s.substring(a, b);
    }

    /** {@code semver::Version::parse} fails the whole load on a bad version; the tests only need that it is not silently accepted. */
    private static String semver(String v) {
        if (!dev.wharf.resolve.Version.isValid(v)) throw new IllegalStateException("Invalid version: " + v);
        return v;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
