package dev.wharf.oci;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal on the OCI routes, in the distribution spec's own shape
 * ({@code {"errors": [{"code", "message", "detail"}]}}, spec "Error Codes"), which OCI clients
 * parse instead of the Run API's {@code {"error", "message"}}. Only code under {@code /v2}
 * throws it, so the rest of the API keeps its error shape; {@link Mapper} is the one place that
 * turns it into a response.
 */
public final class OciError extends RuntimeException {

    /** The spec's codes (distribution-spec "Error Codes" table), plus UNAVAILABLE for a backing service that is down. */
    public enum Code {
        BLOB_UNKNOWN(404), BLOB_UPLOAD_INVALID(400), BLOB_UPLOAD_UNKNOWN(404), DIGEST_INVALID(400),
        MANIFEST_BLOB_UNKNOWN(400), MANIFEST_INVALID(400), MANIFEST_UNKNOWN(404), NAME_INVALID(400),
        NAME_UNKNOWN(404), SIZE_INVALID(400), UNAUTHORIZED(401), DENIED(403), UNSUPPORTED(400),
        TOOMANYREQUESTS(429), TAG_INVALID(400), RANGE_INVALID(416), PAGINATION_NUMBER_INVALID(400),
        UNAVAILABLE(503);

        final int status;

        Code(int status) {
            this.status = status;
        }
    }

    /** What a 401 on a push route tells the client to send: HTTP Basic with the Wharf token as the password. */
    public static final String CHALLENGE = "Basic realm=\"wharf\"";

    private final Code code;
    private final int status;
    private final Object detail;

    public OciError(Code code, String message) {
        this(code, code.status, message, null);
    }

    public OciError(Code code, int status, String message, Object detail) {
        super(message);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    public Code code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Response response() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", getMessage());
        error.put("detail", detail == null ? Map.of() : detail);
        Response.ResponseBuilder answer = Response.status(status).type("application/json")
                .entity(Map.of("errors", List.of(error)));
        if (code == Code.UNAUTHORIZED) answer.header("WWW-Authenticate", CHALLENGE);
        return answer.build();
    }

    public static OciError nameUnknown(String repository) {
        return new OciError(Code.NAME_UNKNOWN, "repository " + repository + " is not known to this registry");
    }

    public static OciError manifestUnknown(String repository, String reference) {
        return new OciError(Code.MANIFEST_UNKNOWN, "no manifest " + reference + " in " + repository);
    }

    public static OciError blobUnknown(String repository, String digest) {
        return new OciError(Code.BLOB_UNKNOWN, "no blob " + digest + " in " + repository);
    }

    public static OciError manifestInvalid(String message) {
        return new OciError(Code.MANIFEST_INVALID, message);
    }

    /** Registered with Jersey; the most specific mapper wins, so other routes never see this shape. */
    public static final class Mapper implements ExceptionMapper<OciError> {
        @Override
        public Response toResponse(OciError e) {
            return e.response();
        }
    }
}
