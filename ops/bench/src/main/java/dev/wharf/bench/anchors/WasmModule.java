package dev.wharf.bench.anchors;

import dev.wharf.bench.standalone.SyntheticComponent;
import java.util.SplittableRandom;

/**
 * The smallest valid WebAssembly core module (magic, version 1) padded to a size by one custom
 * section, as {@link SyntheticComponent} pads a component. The payload is pseudo-random, seeded
 * by the label, so a tarball of it does not shrink under gzip (the npm twin stays ~the same size)
 * and every artifact has its own SHA-256.
 */
final class WasmModule {

    private static final SyntheticComponent EMPTY_MODULE =
            new SyntheticComponent(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});

    private WasmModule() {}

    static byte[] padded(String label, int targetSize) {
        SplittableRandom random = new SplittableRandom(label.hashCode() * 0x9E3779B97F4A7C15L);
        return EMPTY_MODULE.unique(label, targetSize, i -> random.nextInt(256));
    }
}
