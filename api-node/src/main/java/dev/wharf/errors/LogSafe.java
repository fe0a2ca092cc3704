package dev.wharf.errors;

/**
 * Client text on its way into a log line: one line, bounded. A client decides what it sends,
 * and a log line it can cause must not let it write pages (the 5,000-digit Range header of
 * issue 14) or forge a second line with CR/LF.
 */
public final class LogSafe {

    /** Enough for any path or header a real client sends; a fuzzer's 64 KiB is cut here. */
    public static final int MAX = 160;

    private LogSafe() {}

    public static String clip(Object value) {
        if (value == null) return "null";
        String text = value.toString();
        int keep = Math.min(text.length(), MAX);
        StringBuilder out = new StringBuilder(keep + 24);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (text.length() > MAX) out.append("…(").append(text.length()).append(" chars)");
        return out.toString();
    }
}
