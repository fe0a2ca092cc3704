package dev.wharf.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request over its own socket, as raw bytes, so the fuzzer can send what no HTTP client
 * library would (malformed request lines, bare LF, NUL bytes, conflicting lengths), and one
 * answer read back by hand.
 */
final class RawExchange {

    /** What came back; {@code failure} says why there is no answer (reset, timeout). */
    record Answer(int status, Map<String, String> headers, byte[] body, String failure, long nanos) {
        boolean answered() {
            return failure == null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_BODY = 64 * 1024 * 1024;
    /** The status of an answer to an HTTP/0.9 request, which has none. */
    static final int SIMPLE_RESPONSE = 0;

    /** A request line without an HTTP version: what a server may read as HTTP/0.9. */
    static boolean http09(byte[] request) {
        int end = 0;
        while (end < request.length && request[end] != '\n' && request[end] != '\r') end++;
        return !new String(request, 0, end, StandardCharsets.ISO_8859_1).contains("HTTP/");
    }

    private RawExchange() {}

    static Answer send(String host, int port, byte[] request, boolean head, int timeoutMillis) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading everything; the answer counts.
                writeFailure = e;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long deadline = start + timeoutMillis * 1_000_000L;
            while (true) {
                String statusLine;
                try {
                    statusLine = line(in, deadline);
                } catch (SocketTimeoutException e) {
                    return failed("no answer within " + timeoutMillis + " ms", start);
                } catch (IOException e) {
                    return failed((writeFailure != null ? "write failed (" + writeFailure.getMessage() + "), then " : "")
                            + "connection ended before an answer: " + e.getMessage(), start);
                }
                if (statusLine == null) {
                    return failed((writeFailure != null ? "write failed (" + writeFailure.getMessage() + "), then " : "")
                            + "connection closed before an answer", start);
                }
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    if (http09(request)) {
                        // An HTTP/0.9 request ("GET /", no version) gets a body and no status
                        // line (RFC 1945 §4.1's Simple-Response): nginx answers so, and the body
                        // is all a 0.9 client can hear. Status 0 marks it; the body is judged.
                        byte[] rest = in.readNBytes(MAX_BODY);
                        byte[] first = (statusLine + "\n").getBytes(StandardCharsets.ISO_8859_1);
                        byte[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
                        System.arraycopy(rest, 0, all, first.length, rest.length);
                        return new Answer(SIMPLE_RESPONSE, Map.of(), all, null, System.nanoTime() - start);
                    }
                    return failed("not an HTTP answer: " + clip(statusLine), start);
                }
                int status = Integer.parseInt(parts[1]);
                Map<String, String> headers = new HashMap<>();
                for (String h = line(in, deadline); h != null && !h.isEmpty(); h = line(in, deadline)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) headers.merge(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip(), (a, b) -> a + "," + b);
                }
                if (status >= 100 && status < 200) continue; // 100 Continue: the real answer follows
                byte[] body;
                try {
                    body = body(in, headers, head || status == 204 || status == 304, deadline);
                } catch (SocketTimeoutException e) {
                    return failed("answer " + status + " but its body did not arrive within " + timeoutMillis + " ms", start);
                } catch (IOException e) {
                    // The status and headers arrived: the client heard the answer.
                    body = new byte[0];
                    headers.put("x-fuzz-body-cut", e.getMessage());
                }
                return new Answer(status, headers, body, null, System.nanoTime() - start);
            }
        } catch (SocketTimeoutException e) {
            return failed("no answer within " + timeoutMillis + " ms", start);
        } catch (IOException e) {
            return failed("could not connect: " + e.getMessage(), start);
        }
    }

    private static Answer failed(String why, long start) {
        return new Answer(0, Map.of(), new byte[0], why, System.nanoTime() - start);
    }

    private static byte[] body(InputStream in, Map<String, String> headers, boolean none, long deadline) throws IOException {
        if (none) return new byte[0];
        String length = headers.get("content-length");
        if (length != null) return in.readNBytes((int) Math.min(MAX_BODY, Long.parseLong(length.split(",")[0].strip())));
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < MAX_BODY) {
                String size = line(in, deadline);
                if (size == null) break;
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    while (true) {
                        String trailer = line(in, deadline);
                        if (trailer == null || trailer.isEmpty()) break;
                    }
                    break;
                }
                out.write(in.readNBytes(n));
                line(in, deadline);
            }
            return out.toByteArray();
        }
        return in.readNBytes(MAX_BODY);
    }

    /** A CRLF- (or LF-) terminated line; null at end of stream before any byte. */
    private static String line(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (System.nanoTime() > deadline) throw new SocketTimeoutException("deadline");
            int b = in.read();
            if (b < 0) return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > 64 * 1024) throw new IOException("answer line longer than 64 KiB");
            line.write(b);
        }
    }

    static String clip(String s) {
        String one = s.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
