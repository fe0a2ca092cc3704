package dev.wharf.bench.anchors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data set every anchor serves: {@code packages} packages × 3 versions of ~{@code size}
 * bytes, plus one package with a single {@code bigSize} artifact. Everything is derived from
 * the index, so two runs (and the three servers of one run) hold the same bytes.
 *
 * <p>Wharf names are {@code bench:anchor-<i>}; the npm twin of each is {@code anchor-<i>}.
 * Each description carries a made-up ten-letter word of its own, so searching that word
 * finds one package (a number token such as {@code anchor17} would be within Wharf's two
 * typo edits of {@code anchor1}, {@code anchor170}, … and match dozens).
 */
public record AnchorCatalogue(int packages, int size, int bigSize) {

    public static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "2.0.0");
    public static final String BIG = "big";

    public String name(int i) {
        return "bench:anchor-" + i;
    }

    public String npmName(int i) {
        return "anchor-" + i;
    }

    public String bigName() {
        return "bench:anchor-" + BIG;
    }

    public String bigNpmName() {
        return "anchor-" + BIG;
    }

    /** The one word of package {@code i} that no other package's description holds. */
    public String word(int i) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + i);
        StringBuilder s = new StringBuilder(10);
        for (int c = 0; c < 10; c++) s.append((char) ('a' + r.nextInt(26)));
        return s.toString();
    }

    public String description(int i) {
        return "Anchor package " + i + " (" + word(i) + ") for the side-by-side benchmark";
    }

    /** The artifact of {@code name@version}: a valid core module padded to {@code bytes} with incompressible bytes. */
    public byte[] artifact(String name, String version, int bytes) {
        return WasmModule.padded(name + "@" + version, bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
