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
        CONFLICT(409, "conflict"),
        PAYLOAD_TOO_LARGE(413, "payload_too_large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
        RANGE_NOT_SATISFIABLE(416, "range_not_satisfiable"),
        TOO_MANY_REQUESTS(429, "too_many_requests"),
        UNAVAILABLE(503, "unavailable");

        final int status;
        final String code;

        Code(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public static Code forStatus(int status) {
            for (Code c : values()) if (c.status == status) return c;
            return status >= 500 ? UNAVAILABLE : BAD_REQUEST;
        }
    }

    private final Code code;

    public ApiError(Code code, String message) {
        super(message, response(code, message));
        this.code = code;
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

    public static ApiError badRequest(String message) { return new ApiError(Code.BAD_REQUEST, message); }
    public static ApiError notFound(String message) { return new ApiError(Code.NOT_FOUND, message); }
    public static ApiError conflict(String message) { return new ApiError(Code.CONFLICT, message); }
    public static ApiError unavailable(String message) { return new ApiError(Code.UNAVAILABLE, message); }
}
