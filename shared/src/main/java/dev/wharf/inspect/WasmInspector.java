package dev.wharf.inspect;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether an upload is WebAssembly at all and what kind. Refuses anything else with
 * a message that says what is wrong, so a publish of a gzip or a WIT text file fails fast.
 */
public final class WasmInspector {

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    public WasmSummary inspect(Path file) throws IOException {
        byte[] header = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, 8);
        }
        if (read == 0) throw new InvalidInput("the file is empty, not WebAssembly");
        if (read < 8) throw new InvalidInput("the file is " + read + " bytes: too short for a WebAssembly header");
        for (int i = 0; i < 4; i++) {
            if (header[i] != MAGIC[i]) {
                throw new InvalidInput(describeWrongMagic(header));
            }
        }
        int version = (header[4] & 0xff) | (header[5] & 0xff) << 8;
        int layer = (header[6] & 0xff) | (header[7] & 0xff) << 8;
        if (version == 1 && layer == 0) return new WasmSummary(WasmSummary.MODULE, List.of(), List.of(), null);
        if (version == 0x0d && layer == 1) return new WasmSummary(WasmSummary.COMPONENT, List.of(), List.of(), null);
        throw new InvalidInput(String.format(
                "unsupported WebAssembly version 0x%x layer %d (components are 0xd layer 1, core modules 1 layer 0)", version, layer));
    }

    private static String describeWrongMagic(byte[] header) {
        if ((header[0] & 0xff) == 0x1f && (header[1] & 0xff) == 0x8b) {
            return "the file is gzip-compressed; upload the uncompressed .wasm";
        }
        if (header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F') {
            return "the file is an ELF executable, not WebAssembly";
        }
        return "the file does not start with the WebAssembly magic bytes (\\0asm)";
    }
}
