package dev.wharf.errors;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into the catalogue's JSON shape. Client mistakes keep their 4xx; a
 * client that went away is one bounded WARN line; anything else unexpected is our bug: a 500
 * whose {@code error_id} is in exactly one ERROR line with the stack trace. Never 503 for a bug:
 * 503 tells clients and load balancers to retry, and a bug fails again (issue 14).
 */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    /** The one place a domain refusal becomes an HTTP status. */
    public static final class RefusalMapper implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal refusal) {
            ApiError.Code code = switch (refusal) {
                case InvalidInput e -> ApiError.Code.BAD_REQUEST;
                case Refusal.NotFound e -> ApiError.Code.NOT_FOUND;
                case Refusal.Conflict e -> ApiError.Code.CONFLICT;
                case Refusal.Unauthenticated e -> ApiError.Code.UNAUTHORIZED;
                case Refusal.Forbidden e -> ApiError.Code.FORBIDDEN;
                case Refusal.TooLarge e -> ApiError.Code.PAYLOAD_TOO_LARGE;
                case Refusal.UnsupportedMedia e -> ApiError.Code.UNSUPPORTED_MEDIA_TYPE;
                case Refusal.Unavailable e -> ApiError.Code.UNAVAILABLE;
                case Refusal.Busy e -> ApiError.Code.TOO_MANY_REQUESTS;
            };
            Response response = ApiError.response(code, refusal.getMessage());
            if (refusal instanceof Refusal.Busy busy) {
                return Response.fromResponse(response).header("Retry-After", busy.retryAfterSeconds()).build();
            }
            return response;
        }
    }

    public static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof ApiError api) return api.getResponse();
            int status = e.getResponse().getStatus();
            if (status >= 500) return unexpected(e);
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 406 -> "cannot produce an acceptable representation";
                case 415 -> "unsupported content type";
                default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? "bad request" : LogSafe.clip(e.getMessage());
            };
            return ApiError.response(ApiError.Code.forStatus(status), message);
        }
    }

    /**
     * A JSON body Jersey could not read into its record (a token request, say). Registered in
     * place of Dropwizard's default mapper for the same type, whose {"code", "message"} body is
     * not the catalogue's shape; names the field when Jackson knows it.
     */
    public static final class JsonMapper implements ExceptionMapper<com.fasterxml.jackson.core.JsonProcessingException> {
        @Override
        public Response toResponse(com.fasterxml.jackson.core.JsonProcessingException e) {
            return ApiError.response(ApiError.Code.BAD_REQUEST, malformed(e));
        }
    }

    static String malformed(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            if (!field.isEmpty()) return "malformed JSON: " + LogSafe.clip(field) + " does not have the documented type";
        }
        return "malformed JSON";
    }

    public static final class UnexpectedMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return ApiError.response(ApiError.Code.BAD_REQUEST, malformed((com.fasterxml.jackson.core.JsonProcessingException) e));
            }
            if (e instanceof org.eclipse.jetty.http.HttpException http && http.getCode() < 500) {
                // Jetty refusing what the client sent while the application read it: a body
                // slower than the connector's minimum data rate (408), a bad chunk (400).
                return ApiError.response(ApiError.Code.forStatus(http.getCode()), LogSafe.clip(http.getReason()));
            }
            if (clientWentAway(e)) {
                // The answer will not reach anyone; say so once, without a stack trace.
                LOG.warn("client connection ended early: {}", LogSafe.clip(e));
                return ApiError.response(ApiError.Code.BAD_REQUEST, "the request could not be read to its end");
            }
            return unexpected(e);
        }
    }

    static Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("unexpected failure, error_id={}", errorId, e);
        return ApiError.internal(errorId);
    }

    /**
     * An I/O failure reaching a mapper is the client's connection: resources turn their own
     * blob-store and log failures into {@link ApiError#unavailable} before they get here.
     */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
