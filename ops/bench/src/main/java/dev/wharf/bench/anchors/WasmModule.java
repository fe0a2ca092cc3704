package dev.wharf.bench.anchors;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The smallest valid WebAssembly core module (magic, version 1) with one custom section
 * ({@code 0x00, LEB128(size), LEB128(name_len), name, payload}) that pads it to a size.
 * The payload is pseudo-random, seeded by the label, so a tarball of it does not shrink under
 * gzip (the npm twin stays ~the same size) and every artifact has its own SHA-256.
 */
final class WasmModule {

    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private WasmModule() {}

    static byte[] padded(String label, int targetSize) {
        byte[] name = ("wharf-bench:" + label).getBytes(StandardCharsets.UTF_8);
        int padding = 0;
        // The section size's LEB128 length depends on the padding; settle it in a few rounds.
        for (int round = 0; round < 4; round++) {
            int payload = leb128(name.length).length + name.length + padding;
            int total = HEADER.length + 1 + leb128(payload).length + payload;
            if (total >= targetSize) break;
            padding += targetSize - total;
        }
        int payload = leb128(name.length).length + name.length + padding;
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + payload + 8);
        out.writeBytes(HEADER);
        out.write(0x00);
        out.writeBytes(leb128(payload));
        out.writeBytes(leb128(name.length));
        out.writeBytes(name);
        byte[] pad = new byte[padding];
        SplittableRandom random = new SplittableRandom(label.hashCode() * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < pad.length; i++) pad[i] = (byte) random.nextInt(256);
        out.writeBytes(pad);
        return out.toByteArray();
    }

    static byte[] leb128(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }
}
