package dev.wharf.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers Jetty gives before Jersey sees a request (a malformed request line, bad or huge
 * headers, an ambiguous path, a body that arrives too slowly) in the catalogue's JSON shape, so
 * README's "errors are always JSON" holds for every request. Jetty's own page is HTML for some
 * of them and has no body at all for methods other than GET/POST/HEAD.
 */
public final class JettyErrors extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /**
     * Jetty picks an error body by the request's Accept header and writes none when no type in
     * it parses ({@code Accept: ,,,} or {@code *}{@code /*;q=x} with {@code Expect: 200-ok}:
     * an empty 417, ops/fuzz findings #2354, #4358, #27518). Our body is JSON whatever the
     * client accepts, as for the errors Jersey answers (EmptyErrorBodies).
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws java.io.IOException {
        generateAcceptableResponse(request, response, callback, "application/json",
                List.of(java.nio.charset.StandardCharsets.UTF_8), code, message, cause);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) {
        int status = status(code, message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status, message, cause)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int code, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status(code, reason), reason, null));
    }

    /**
     * Jetty answers 505 to any version it cannot parse ("HTTP/1.1x", "HTTP/", "HTTPS/1.1") and to
     * a request line with no version at all (which it reads as HTTP/0.9). RFC 9112 §2.3 reserves
     * 505 for a well-formed HTTP-version we do not speak; a malformed request line is a 400
     * (RFC 9112 §3).
     */
    static int status(int code, String reason) {
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 && reason != null
                && (reason.startsWith("Unknown Version") || reason.startsWith("HTTP/0.9"))) {
            return HttpStatus.BAD_REQUEST_400;
        }
        return code;
    }

    private static byte[] body(int status, String reason, Throwable cause) {
        ApiError.Code code = ApiError.Code.forStatus(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.code());
        if (status >= 500 && status != 503 && status != 505) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("unexpected failure before the application, error_id={}: {}", errorId, LogSafe.clip(reason), cause);
            body.put("message", "the registry failed on this request; report error_id " + errorId);
            body.put("error_id", errorId);
        } else {
            body.put("message", reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : LogSafe.clip(reason));
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            return ("{\"error\":\"" + code.code() + "\",\"message\":\"" + status + "\"}").getBytes();
        }
    }
}
