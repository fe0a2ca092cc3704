package dev.wharf.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a blob from a {@code Range} header (RFC 9110 §14.1.2): {@code bytes=a-b},
 * {@code a-}, {@code -n}. A header this does not understand (several ranges, other units, bad
 * syntax, last before first) is ignored and the whole blob is sent, as §14.2 allows; a range
 * that starts past the end, or asks for the last 0 bytes, is unsatisfiable (416). Kept private
 * to the OCI routes until the shared parser lands in dev.wharf.packages.
 */
record BlobRange(long start, long end, boolean partial, boolean satisfiable) {

    private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*", Pattern.CASE_INSENSITIVE);
    /** 18 digits always fit a long; anything longer is past the end of any blob. */
    private static final int MAX_DIGITS = 18;

    static BlobRange of(String header, long size) {
        BlobRange whole = new BlobRange(0, size - 1, false, true);
        if (header == null) return whole;
        Matcher m = SINGLE.matcher(header);
        if (!m.matches()) return whole;
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty() && last.isEmpty()) return whole;
        if (first.isEmpty()) {
            long suffix = last.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(last);
            if (suffix == 0 || size == 0) return unsatisfiable(size);
            return new BlobRange(Math.max(0, size - suffix), size - 1, true, true);
        }
        if (first.length() > MAX_DIGITS) return unsatisfiable(size);
        long start = Long.parseLong(first);
        long end = last.isEmpty() || last.length() > MAX_DIGITS ? size - 1 : Long.parseLong(last);
        if (end < start) return whole;
        if (start >= size) return unsatisfiable(size);
        return new BlobRange(start, Math.min(end, size - 1), true, true);
    }

    private static BlobRange unsatisfiable(long size) {
        return new BlobRange(0, size - 1, false, false);
    }

    long length() {
        return end - start + 1;
    }

    String contentRange(long size) {
        return satisfiable ? "bytes " + start + "-" + end + "/" + size : "bytes */" + size;
    }
}
