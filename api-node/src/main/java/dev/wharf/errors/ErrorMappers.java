package dev.wharf.errors;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into the catalogue's JSON shape. Client mistakes keep their 4xx;
 * anything unexpected is logged and answered as 503 (the node cannot serve this right now),
 * never as a 500 with a stack trace.
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
            if (status >= 500) {
                LOG.warn("request failed inside the framework", e);
                return ApiError.response(ApiError.Code.UNAVAILABLE, "the registry could not serve this request");
            }
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 406 -> "cannot produce an acceptable representation";
                case 415 -> "unsupported content type";
                default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? "bad request" : e.getMessage();
            };
            return ApiError.response(ApiError.Code.forStatus(status), message);
        }
    }

    public static final class UnexpectedMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return ApiError.response(ApiError.Code.BAD_REQUEST, "malformed JSON");
            }
            LOG.error("unexpected failure", e);
            return ApiError.response(ApiError.Code.UNAVAILABLE, "the registry could not serve this request right now");
        }
    }
}
