package dev.wharf.bench.standalone;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/**
 * A real component (the calculator fixture) made unique and as large as asked by appending one
 * custom section ({@code 0x00, LEB128(size), LEB128(name_len), name, payload}). Custom sections
 * are allowed anywhere in a component, so the result is still valid WebAssembly, and a unique
 * section name gives every publish its own SHA-256 (no blob de-duplication flatters the figures).
 */
public record SyntheticComponent(byte[] base) {

    public byte[] unique(String label, int targetSize) {
        return unique(label, targetSize, i -> 'x');
    }

    /** As {@link #unique(String, int)}, with padding byte {@code i} given by {@code padByte}. */
    public byte[] unique(String label, int targetSize, IntUnaryOperator padByte) {
        byte[] name = ("wharf-bench:" + label).getBytes(StandardCharsets.UTF_8);
        int padding = 0;
        // The section size's LEB128 length depends on the padding; settle it in a couple of rounds.
        for (int round = 0; round < 4; round++) {
            int payload = leb128(name.length).length + name.length + padding;
            int total = base.length + 1 + leb128(payload).length + payload;
            if (total >= targetSize) break;
            padding += targetSize - total;
        }
        int payload = leb128(name.length).length + name.length + padding;
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + payload + 8);
        out.writeBytes(base);
        out.write(0x00);
        out.writeBytes(leb128(payload));
        out.writeBytes(leb128(name.length));
        out.writeBytes(name);
        byte[] pad = new byte[padding];
        for (int i = 0; i < pad.length; i++) pad[i] = (byte) padByte.applyAsInt(i);
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
