package dev.wharf.packages;

/**
 * Which bytes of a representation of {@code size} bytes a {@code Range} header asks for, by
 * RFC 9110 §14. Pure and total: any header string gives an answer, never an exception, and a
 * number of any length saturates instead of overflowing (a 5,000-digit position is simply
 * "past the end"). Only a single byte range is served; everything the RFC lets a server ignore
 * (another unit, a malformed or multi-range set, last-pos before first-pos) is ignored and the
 * whole file is sent.
 */
public sealed interface ByteRange {

    /** Send the whole representation with 200. */
    record Whole() implements ByteRange {}

    /** Send bytes {@code first..last} (inclusive) with 206 and {@link #contentRange}. */
    record Partial(long first, long last, long size) implements ByteRange {
        public long length() {
            return last - first + 1;
        }

        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** Answer 416 with {@link #contentRange}: the first position is past the end (RFC 9110 §15.5.17). */
    record Unsatisfiable(long size) implements ByteRange {
        public String contentRange() {
            return "bytes */" + size;
        }
    }

    Whole WHOLE = new Whole();

    static ByteRange of(String header, long size) {
        if (header == null) return WHOLE;
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().equalsIgnoreCase("bytes")) return WHOLE;
        String spec = value.substring(eq + 1).strip();
        if (spec.indexOf(',') >= 0) return WHOLE; // several ranges: a server MAY ignore (§14.2)
        int dash = spec.indexOf('-');
        if (dash < 0) return WHOLE;
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        if (firstText.isEmpty()) {
            long suffix = position(lastText);
            if (suffix < 0) return WHOLE;
            // A zero-length suffix selects nothing (§14.1.3); so does any range of an empty file.
            if (suffix == 0 || size == 0) return new Unsatisfiable(size);
            return new Partial(Math.max(0, size - suffix), size - 1, size);
        }
        long first = position(firstText);
        if (first < 0) return WHOLE;
        long last;
        if (lastText.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = position(lastText);
            if (last < 0 || last < first) return WHOLE; // an invalid range-spec (§14.1.1)
        }
        if (first >= size) return new Unsatisfiable(size);
        return new Partial(first, Math.min(last, size - 1), size);
    }

    /** 1*DIGIT saturating at {@link Long#MAX_VALUE}; -1 when it is not 1*DIGIT. */
    private static long position(String digits) {
        if (digits.isEmpty()) return -1;
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -1;
            int d = c - '0';
            value = value > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : value * 10 + d;
        }
        return value;
    }
}
