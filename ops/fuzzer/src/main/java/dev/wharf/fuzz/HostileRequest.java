package dev.wharf.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request the fuzzer sends: its raw bytes, what kind of hostility it carries (for the
 * report), and, for a publish, the name@version it asks for (a package the registry may list).
 */
record HostileRequest(String kind, String summary, byte[] bytes, boolean head, boolean wellFormedOtherVersion,
                      String publishes) {

    static final class Builder {
        private final String kind;
        private String method = "GET";
        private String target = "/";
        private String version = "HTTP/1.1";
        private final List<String> headers = new ArrayList<>();
        private byte[] body;
        private boolean contentLength = true;
        private boolean wellFormedOtherVersion;
        private String publishes;
        private final String hostHeader;

        Builder(String kind, String hostHeader) {
            this.kind = kind;
            this.hostHeader = hostHeader;
        }

        Builder method(String m) { method = m; return this; }
        Builder target(String t) { target = t; return this; }
        Builder version(String v, boolean wellFormedOther) { version = v; wellFormedOtherVersion = wellFormedOther; return this; }
        /** A header whose value cannot end the header block early (that would be a request-line case). */
        Builder header(String name, String value) {
            headers.add(name + ": " + value.replace('\r', '?').replace('\n', '?'));
            return this;
        }
        Builder rawHeader(String line) { headers.add(line); return this; }
        Builder body(byte[] b) { body = b; return this; }
        Builder noContentLength() { contentLength = false; return this; }
        Builder publishes(String nameAtVersion) { publishes = nameAtVersion; return this; }

        HostileRequest build() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
            boolean hasHost = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "host:", 0, 5));
            if (!hasHost) head.append("Host: ").append(hostHeader).append("\r\n");
            head.append("Connection: close\r\n");
            for (String h : headers) head.append(h).append("\r\n");
            if (body != null && contentLength) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) out.writeBytes(body);
            String summary = method + " " + RawExchange.clip(target) + " " + version
                    + (headers.isEmpty() ? "" : " " + RawExchange.clip(String.join(" | ", headers)));
            return new HostileRequest(kind, summary, out.toByteArray(), method.equals("HEAD"), wellFormedOtherVersion, publishes);
        }
    }

    /** A request line (and anything after it) that is not built from parts. */
    static HostileRequest raw(String kind, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        String firstLine = text.lines().findFirst().orElse("");
        String v = firstLine.contains(" ") ? firstLine.substring(firstLine.lastIndexOf(' ') + 1) : "";
        boolean other = v.matches("HTTP/[0-9]\\.[0-9]") && !v.equals("HTTP/1.1") && !v.equals("HTTP/1.0");
        return new HostileRequest(kind, RawExchange.clip(text), bytes, firstLine.startsWith("HEAD "), other, null);
    }

    static byte[] multipart(String boundary, List<Map.Entry<String, String>> fields, String fileField, byte[] file, String fileType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(f.getValue().getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"c.wasm\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
