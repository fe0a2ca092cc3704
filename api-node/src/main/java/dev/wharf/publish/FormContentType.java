package dev.wharf.publish;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import java.util.Locale;

/**
 * A publish's {@code Content-Type}, checked before a byte of the body is parsed: exactly
 * {@code multipart/form-data}, one boundary that RFC 2046 §5.1.1 allows (1–70 of its bchars,
 * not ending in a space), and no charset but UTF-8 or US-ASCII. FileUpload would otherwise
 * fail deep inside with {@code UnsupportedCharsetException} and friends (issue 14).
 */
public record FormContentType(String boundary) {

    private static final String BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

    public static FormContentType parse(String header) {
        if (header == null || header.isBlank()) throw unsupported("a publish is multipart/form-data; the request has no Content-Type");
        String[] parts = header.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("multipart/form-data")) {
            throw unsupported("a publish is multipart/form-data");
        }
        String boundary = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) continue;
            int eq = parameter.indexOf('=');
            if (eq <= 0) throw new InvalidInput("malformed Content-Type parameter; expected name=value");
            String name = parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(eq + 1).strip());
            switch (name) {
                case "boundary" -> {
                    if (boundary != null) throw new InvalidInput("the Content-Type names more than one boundary");
                    boundary = value;
                }
                case "charset" -> {
                    String charset = value.toLowerCase(Locale.ROOT);
                    if (!charset.equals("utf-8") && !charset.equals("us-ascii")) {
                        throw unsupported("a publish form is UTF-8; charset " + quoteShort(value) + " is not supported");
                    }
                }
                default -> { } // other parameters carry nothing for multipart/form-data (RFC 7578 §8)
            }
        }
        if (boundary == null) throw new InvalidInput("the multipart Content-Type has no boundary");
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new InvalidInput("the multipart boundary must be 1 to 70 characters (RFC 2046)");
        }
        for (int i = 0; i < boundary.length(); i++) {
            if (BCHARS.indexOf(boundary.charAt(i)) < 0) {
                throw new InvalidInput("the multipart boundary has a character RFC 2046 does not allow");
            }
        }
        return new FormContentType(boundary);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) return value.substring(1, value.length() - 1);
        return value;
    }

    private static String quoteShort(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private static Refusal unsupported(String message) {
        return new Refusal.UnsupportedMedia(message);
    }
}
