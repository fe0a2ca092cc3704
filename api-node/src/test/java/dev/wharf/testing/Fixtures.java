package dev.wharf.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real WASI components in the repository's testdata/components (how each was built: its BUILD.md). */
public final class Fixtures {

    private Fixtures() {}

    public static Path components() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata/components");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) return candidate;
        }
        throw new IllegalStateException("testdata/components not found above " + Path.of("").toAbsolutePath());
    }

    public static Path component(String relative) {
        return components().resolve(relative);
    }
}
