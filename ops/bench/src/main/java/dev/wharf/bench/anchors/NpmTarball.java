package dev.wharf.bench.anchors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * The npm twin of a Wharf version: a gzipped ustar archive holding {@code package/package.json}
 * and {@code package/component.wasm} (the same bytes Wharf stores), as {@code npm pack} lays it
 * out. Fixed mtimes and owner, so the bytes depend on the content only.
 */
final class NpmTarball {

    private NpmTarball() {}

    static byte[] of(String npmName, String version, String description, byte[] wasm) {
        String manifest = "{\"name\":\"" + npmName + "\",\"version\":\"" + version + "\",\"description\":\"" + description
                + "\",\"main\":\"component.wasm\",\"license\":\"MIT\"}\n";
        ByteArrayOutputStream tar = new ByteArrayOutputStream(wasm.length + 4096);
        entry(tar, "package/package.json", manifest.getBytes(StandardCharsets.UTF_8));
        entry(tar, "package/component.wasm", wasm);
        tar.writeBytes(new byte[1024]); // two zero blocks end the archive (POSIX ustar)
        ByteArrayOutputStream gz = new ByteArrayOutputStream(wasm.length + 4096);
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz.toByteArray();
    }

    private static void entry(ByteArrayOutputStream tar, String path, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, path);
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o\0", content.length));
        put(h, 136, String.format("%011o\0", 499162500L)); // 1985-10-26, what npm pack writes
        put(h, 148, "        ");
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        int sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o\0 ", sum));
        tar.writeBytes(h);
        tar.writeBytes(content);
        int rest = content.length % 512;
        if (rest != 0) tar.writeBytes(new byte[512 - rest]);
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
