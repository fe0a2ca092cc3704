package dev.wharf.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The real binaries in the repository's testdata/components and what MANIFEST.tsv says about
 * each. Maven runs a module's tests in the module's folder, so the folder is found by walking up
 * to the repository root rather than by a fixed relative path.
 */
final class ComponentFixtures {

    record Row(String file, String kind, String name, String version, long size, Set<String> exports, Set<String> imports) {
        @Override
        public String toString() {
            return file;
        }
    }

    private ComponentFixtures() {}

    static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path candidate = at.resolve("testdata/components");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) return candidate;
        }
        throw new IllegalStateException("testdata/components not found above " + dir);
    }

    static Path file(String relative) {
        return directory().resolve(relative);
    }

    static List<Row> manifest() {
        try {
            List<String> lines = Files.readAllLines(directory().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split("\t"));
            int file = header.indexOf("file");
            int kind = header.indexOf("kind");
            int name = header.indexOf("name");
            int version = header.indexOf("version");
            int size = header.indexOf("size");
            int exports = header.indexOf("exports");
            int imports = header.indexOf("imports");
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] cells = line.split("\t", -1);
                rows.add(new Row(cells[file], cells[kind], cells[name], cells[version],
                        Long.parseLong(cells[size]), list(cells[exports]), list(cells[imports])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> list(String cell) {
        if (cell.equals("-") || cell.isEmpty()) return Set.of();
        return new LinkedHashSet<>(Arrays.asList(cell.split(",")));
    }
}
