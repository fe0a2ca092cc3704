package dev.wharf.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.wharf.wire.ErrorBody;

/**
 * The one error catalogue: every error a client can see, with its status and a stable
 * {@code error} code. The body is always {@code {"error": CODE, "message": TEXT}}.
 */
public final class ApiError extends WebApplicationException {

    public enum Code {
        BAD_REQUEST(400, "bad_request"),
        UNAUTHORIZED(401, "unauthorized"),
        FORBIDDEN(403, "forbidden"),
        NOT_FOUND(404, "not_found"),
        METHOD_NOT_ALLOWED(405, "method_not_allowed"),
        NOT_ACCEPTABLE(406, "not_acceptable"),
        REQUEST_TIMEOUT(408, "request_timeout"),
        CONFLICT(409, "conflict"),
        LENGTH_REQUIRED(411, "length_required"),
        PAYLOAD_TOO_LARGE(413, "payload_too_large"),
        URI_TOO_LONG(414, "uri_too_long"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
        RANGE_NOT_SATISFIABLE(416, "range_not_satisfiable"),
        TOO_MANY_REQUESTS(429, "too_many_requests"),
        HEADERS_TOO_LARGE(431, "header_fields_too_large"),
        /** A bug of ours: the body carries an {@code error_id} that is also in the log line. */
        INTERNAL(500, "internal"),
        NOT_IMPLEMENTED(501, "not_implemented"),
        /** Only for a dependency (Kafka, the blob store, the database) that is down: clients retry it. */
        UNAVAILABLE(503, "unavailable"),
        HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported");

        final int status;
        final String code;

        Code(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public static Code forStatus(int status) {
            for (Code c : values()) if (c.status == status) return c;
            return status >= 500 ? INTERNAL : BAD_REQUEST;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Code code;

    public ApiError(Code code, String message) {
        super(message, response(code, message));
        this.code = code;
    }

    private ApiError(Code code, String message, Response response) {
        super(message, response);
        this.code = code;
    }

    /** A refusal a client should retry after {@code seconds}: 429, or 503 for a full node. */
    public static ApiError retryLater(Code code, String message, long seconds) {
        return new ApiError(code, message, Response.fromResponse(response(code, message))
                .header("Retry-After", Long.toString(seconds)).build());
    }

    public Code code() {
        return code;
    }

    public static Response response(Code code, String message) {
        return Response.status(code.status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code.code, message == null ? code.code : message))
                .build();
    }

    /** The 500 answer to an unexpected failure; {@code errorId} is logged with its stack trace. */
    public static Response internal(String errorId) {
        return Response.status(500)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(Code.INTERNAL.code,
                        "the registry failed on this request; report error_id " + errorId, errorId))
                .build();
    }

    public static ApiError badRequest(String message) { return new ApiError(Code.BAD_REQUEST, message); }
    public static ApiError notFound(String message) { return new ApiError(Code.NOT_FOUND, message); }
    public static ApiError conflict(String message) { return new ApiError(Code.CONFLICT, message); }
    public static ApiError unavailable(String message) { return new ApiError(Code.UNAVAILABLE, message); }
}
