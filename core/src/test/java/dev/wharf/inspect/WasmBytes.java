package dev.wharf.inspect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Assembles small binaries byte by byte, for edge cases no toolchain would write. */
final class WasmBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WasmBytes component() {
        return new WasmBytes().raw(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
    }

    static WasmBytes module() {
        return new WasmBytes().raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
    }

    static WasmBytes content() {
        return new WasmBytes();
    }

    WasmBytes raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    WasmBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WasmBytes u32(long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return this;
    }

    WasmBytes name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return raw(utf8);
    }

    /** A component import/export name in the plain (0x00) form. */
    WasmBytes externName(String name) {
        return raw(0x00).name(name);
    }

    WasmBytes section(int id, WasmBytes content) {
        byte[] body = content.bytes();
        raw(id).u32(body.length);
        return raw(body);
    }

    WasmBytes custom(String name, byte[] payload) {
        return section(0, content().name(name).raw(payload));
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
