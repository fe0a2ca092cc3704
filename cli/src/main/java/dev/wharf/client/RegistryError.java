package dev.wharf.client;

/**
 * A registry call that did not succeed. The message is one sentence a person can act on; the
 * kind lets callers (and the command's exit status) tell the cases apart.
 */
public final class RegistryError extends RuntimeException {

    public enum Kind {
        /** 404: the package or version does not exist. */
        NOT_FOUND,
        /** 401: no token, or the registry does not know it. */
        UNAUTHORIZED,
        /** 403: the token may not publish into this namespace. */
        FORBIDDEN,
        /** 409: the version exists already. */
        CONFLICT,
        /** 413: the upload is larger than the registry accepts. */
        TOO_LARGE,
        /** Any other 4xx: the registry refused the request as sent. */
        REFUSED,
        /** No answer, or 5xx after every retry on every mirror. */
        UNAVAILABLE,
        /** The bytes received are not the bytes the registry vouched for. */
        INTEGRITY,
        /** An answer that does not follow the registry protocol. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;

    public RegistryError(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public RegistryError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused this error, 0 when there was none. */
    public int status() {
        return status;
    }
}
