package dev.wharf.inspect;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Reads a WebAssembly binary front to back through a fixed window, so inspecting a 50 MB
 * upload costs 64 KiB plus the names it keeps; sections nobody needs are skipped by seeking.
 *
 * <p>Every read is checked against the end of the region being decoded (the file, a section,
 * a custom section's payload) before it happens, and a failed check is an {@link InvalidInput}
 * naming the byte offset: the publisher has to learn where their binary is broken, and a
 * size field that lies must never make us read or allocate past what the file holds.
 */
final class WasmReader {

    /** Longest name we keep; wasm itself has no limit, but no interface name comes near it. */
    static final int MAX_NAME_BYTES = 64 * 1024;

    private static final int WINDOW_BYTES = 64 * 1024;

    /** A section whose id and size were read; its contents are the current region. */
    record Section(int id, String label, long start, long end) {}

    private record Region(long end, String label) {}

    private final SeekableByteChannel channel; // null when all bytes are already in the window
    private final long length;
    private final byte[] window;
    private long windowStart;
    private int windowPos;
    private int windowLen;
    private final ArrayDeque<Region> outer = new ArrayDeque<>();
    private Region region;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    WasmReader(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
        this.window = new byte[(int) Math.max(1, Math.min(WINDOW_BYTES, length))];
        this.region = new Region(length, null);
    }

    WasmReader(byte[] bytes) {
        this.channel = null;
        this.length = bytes.length;
        this.window = bytes;
        this.windowLen = bytes.length;
        this.region = new Region(length, null);
    }

    long length() {
        return length;
    }

    long position() {
        return windowStart + windowPos;
    }

    /** Bytes left before the end of the current region. */
    long remaining() {
        return region.end - position();
    }

    // ---- regions -------------------------------------------------------------------------

    /**
     * Reads a section header and makes the section's contents the current region. The size is
     * checked against what is left of the enclosing region first, which is what catches a
     * binary cut short in the middle of a section.
     */
    Section enterSection(String[] sectionNames) throws IOException {
        long start = position();
        int id = u8("a section id");
        if (id >= sectionNames.length) {
            throw malformed(String.format("unknown section id %d at byte %d (valid ids are 0 to %d)",
                    id, start, sectionNames.length - 1));
        }
        long size = u32("the size of section " + id);
        String label = "section " + id + " (" + sectionNames[id] + ") at byte " + start;
        long left = remaining();
        if (size > left) {
            String detail = label + " declares " + size + " bytes but only " + left + " remain";
            if (region.label == null) throw new InvalidInput("truncated: " + detail);
            throw malformed(detail);
        }
        long end = position() + size;
        enter(end, label);
        return new Section(id, label, start, end);
    }

    void enter(long end, String label) {
        outer.push(region);
        region = new Region(end, label);
    }

    /** Leaves a region whose contents were decoded entry by entry: leftovers mean a bad size. */
    void leave() {
        long left = remaining();
        if (left != 0) {
            throw new InvalidInput("malformed " + region.label + ": " + left
                    + " bytes left over after its contents (from byte " + position() + ")");
        }
        region = outer.pop();
    }

    /** Leaves a region whose contents are not needed (or could only partly be understood). */
    void skipRestAndLeave() throws IOException {
        skip(remaining());
        region = outer.pop();
    }

    int depth() {
        return outer.size();
    }

    /** After a best-effort decode failed somewhere inside nested regions: back to {@code depth}. */
    void unwindTo(int depth) {
        while (outer.size() > depth) region = outer.pop();
    }

    // ---- primitive reads -----------------------------------------------------------------

    int u8(String what) throws IOException {
        require(1, what);
        if (windowPos == windowLen) refill();
        return window[windowPos++] & 0xff;
    }

    /** Unsigned LEB128 of at most 5 bytes whose value fits in 32 bits. */
    long u32(String what) throws IOException {
        long start = position();
        long value = 0;
        for (int i = 0; ; i++) {
            int b = lebByte(what, start);
            if (i == 4) {
                if ((b & 0x80) != 0) throw malformed(what + " at byte " + start + " is a LEB128 number longer than 5 bytes");
                if ((b & 0x70) != 0) throw malformed(what + " at byte " + start + " is a LEB128 number that does not fit in 32 bits");
            }
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
    }

    /** Unsigned LEB128 of at most 10 bytes whose value fits in 64 bits (memory64 limits). */
    long u64(String what) throws IOException {
        long start = position();
        long value = 0;
        for (int i = 0; ; i++) {
            int b = lebByte(what, start);
            if (i == 9) {
                if ((b & 0x80) != 0) throw malformed(what + " at byte " + start + " is a LEB128 number longer than 10 bytes");
                if ((b & 0x7e) != 0) throw malformed(what + " at byte " + start + " is a LEB128 number that does not fit in 64 bits");
            }
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
    }

    /**
     * Signed LEB128 that fits in 33 bits: how value types are written, negative for a built-in
     * type code, non-negative for a type index.
     */
    long s33(String what) throws IOException {
        long start = position();
        long value = 0;
        int shift = 0;
        int b;
        for (int i = 0; ; i++) {
            b = lebByte(what, start);
            if (i == 4) {
                if ((b & 0x80) != 0) throw malformed(what + " at byte " + start + " is a LEB128 number longer than 5 bytes");
                // bits 33 and 34 of the encoding must repeat the sign bit (bit 32)
                int high = b & 0x70;
                if (high != 0 && high != 0x70) {
                    throw malformed(what + " at byte " + start + " is a LEB128 number that does not fit in 33 bits");
                }
            }
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if ((b & 0x40) != 0) value |= -1L << shift;
        return value;
    }

    /** A length-prefixed UTF-8 string. */
    String name(String what) throws IOException {
        long start = position();
        long len = u32(what);
        if (len > MAX_NAME_BYTES) {
            require(len, what);
            throw new InvalidInput(what + " at byte " + start + " is " + len
                    + " bytes long; names longer than " + MAX_NAME_BYTES + " bytes are not accepted");
        }
        byte[] bytes = bytes((int) len, what);
        if (isAscii(bytes)) return new String(bytes, StandardCharsets.ISO_8859_1); // nearly every wasm name
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " at byte " + start + " is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    byte[] bytes(int n, String what) throws IOException {
        require(n, what);
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (windowPos == windowLen) refill();
            int chunk = Math.min(n - done, windowLen - windowPos);
            System.arraycopy(window, windowPos, out, done, chunk);
            windowPos += chunk;
            done += chunk;
        }
        return out;
    }

    /**
     * A vector length. Every entry takes at least one byte, so a count above the bytes left is
     * refused here rather than after looping over millions of phantom entries.
     */
    long count(String what) throws IOException {
        long start = position();
        long n = u32(what);
        if (n > remaining()) {
            throw malformed(what + " at byte " + start + " is " + n + " but only " + remaining() + " bytes follow");
        }
        return n;
    }

    void skip(long n, String what) throws IOException {
        require(n, what);
        skip(n);
    }

    private void skip(long n) throws IOException {
        if (n <= windowLen - windowPos) {
            windowPos += (int) n;
            return;
        }
        long target = position() + n;
        windowStart = target;
        windowPos = 0;
        windowLen = 0;
        if (channel != null) channel.position(target);
    }

    InvalidInput malformed(String detail) {
        return new InvalidInput(region.label == null
                ? "malformed binary: " + detail
                : "malformed " + region.label + ": " + detail);
    }

    /** One byte of a LEB128 number; running out names where the number began. */
    private int lebByte(String what, long start) throws IOException {
        if (remaining() < 1) throw overrun(what, start);
        return u8(what);
    }

    private void require(long n, String what) {
        if (n > remaining()) throw overrun(what, position());
    }

    private InvalidInput overrun(String what, long at) {
        if (region.label == null) {
            return new InvalidInput("truncated: the file ends at byte " + length + " inside " + what + " at byte " + at);
        }
        return malformed(what + " at byte " + at + " runs past its end at byte " + region.end);
    }

    private void refill() throws IOException {
        // only called once require() has confirmed the bytes exist within the file's length
        windowStart += windowLen;
        windowPos = 0;
        windowLen = 0;
        if (channel == null) throw new IOException("read past the end of an in-memory binary");
        ByteBuffer target = ByteBuffer.wrap(window);
        while (target.hasRemaining()) {
            int read = channel.read(target);
            if (read < 0) break;
        }
        windowLen = target.position();
        if (windowLen == 0) {
            throw new IOException("the file became shorter while being read (expected " + length + " bytes)");
        }
    }
}
