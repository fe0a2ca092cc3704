package dev.wharf.inspect;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an uploaded WebAssembly binary at publish time and says what it is and what it talks
 * to: for a component the WIT names it imports and exports (and its world where the binary
 * names one), for a core module its import modules and export names.
 *
 * <p>Anything that is not a well-framed component or core module is refused with an
 * {@link InvalidInput} saying what is wrong (empty, gzip, ELF, text, unknown version, or the
 * byte where a truncated or malformed section breaks), which the publish path turns into a
 * 400. The file is streamed in one pass through a small window; sections that do not matter
 * here (code, data, nested modules and components) are skipped by seeking over them.
 */
public final class WasmInspector {

    enum Kind { COMPONENT, MODULE, UNKNOWN }

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final int PREAMBLE_BYTES = 8;

    /**
     * @throws InvalidInput when the file is not a well-formed component or core module
     * @throws IOException only when the file cannot be read
     */
    public WasmSummary inspect(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            return inspect(new WasmReader(channel));
        }
    }

    /** For binaries already in memory (tests, small payloads). */
    WasmSummary inspect(byte[] binary) throws IOException {
        return inspect(new WasmReader(binary));
    }

    private WasmSummary inspect(WasmReader in) throws IOException {
        long length = in.length();
        if (length == 0) throw new InvalidInput("the file is empty, not WebAssembly");
        byte[] head = in.bytes((int) Math.min(PREAMBLE_BYTES, length), "the header");
        if (!startsWithMagic(head)) throw new InvalidInput(describeForeign(head));
        if (length < PREAMBLE_BYTES) {
            throw new InvalidInput("the file is " + length + " bytes: too short for a WebAssembly header (8 bytes)");
        }
        return switch (kindOf(head)) {
            case COMPONENT -> ComponentDecoder.decode(in);
            case MODULE -> ModuleDecoder.decode(in);
            case UNKNOWN -> {
                int version = (head[4] & 0xff) | (head[5] & 0xff) << 8;
                int layer = (head[6] & 0xff) | (head[7] & 0xff) << 8;
                throw new InvalidInput(String.format(
                        "unsupported WebAssembly version 0x%x layer %d (components are 0xd layer 1, core modules 1 layer 0)",
                        version, layer));
            }
        };
    }

    /** What an 8-byte preamble announces. */
    static Kind kindOf(byte[] preamble) {
        if (preamble.length < PREAMBLE_BYTES || !startsWithMagic(preamble)) return Kind.UNKNOWN;
        int version = (preamble[4] & 0xff) | (preamble[5] & 0xff) << 8;
        int layer = (preamble[6] & 0xff) | (preamble[7] & 0xff) << 8;
        if (version == 1 && layer == 0) return Kind.MODULE;
        if (version == 0x0d && layer == 1) return Kind.COMPONENT;
        return Kind.UNKNOWN;
    }

    /** True when the bytes present agree with the magic (a 3-byte "\0as" still might be wasm). */
    private static boolean startsWithMagic(byte[] head) {
        for (int i = 0; i < Math.min(MAGIC.length, head.length); i++) {
            if (head[i] != MAGIC[i]) return false;
        }
        return true;
    }

    /** Names the usual wrong uploads, so the publisher knows what they sent instead. */
    private static String describeForeign(byte[] head) {
        int b0 = head[0] & 0xff;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        if (b0 == 0x1f && b1 == 0x8b) {
            return "the file is gzip-compressed; upload the uncompressed .wasm";
        }
        if (head.length >= 4 && b0 == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return "the file is an ELF executable, not WebAssembly";
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "the file is a zip archive; upload the .wasm itself";
        }
        if (isText(head)) {
            String start = new String(head, java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (start.startsWith("(")) {
                return "the file is WebAssembly text (WAT, starts with \"" + start + "\"); upload the binary";
            }
            return "the file is text (starts with \"" + start + "\"), not a WebAssembly binary";
        }
        return "the file does not start with the WebAssembly magic bytes (\\0asm)";
    }

    private static boolean isText(byte[] head) {
        for (byte b : head) {
            boolean printable = b >= 0x20 && b < 0x7f;
            boolean space = b == '\n' || b == '\r' || b == '\t';
            if (!printable && !space) return false;
        }
        return true;
    }
}
