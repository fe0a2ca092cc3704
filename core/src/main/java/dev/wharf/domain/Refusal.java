package dev.wharf.domain;

/**
 * Why the registry will not do what was asked, in its own words. The core throws these and
 * nothing else for a request it refuses; only the HTTP edge knows which status each one is
 * (one mapping, in the api-node's errors package), so every rule can be tested without a web
 * server. The message is one sentence a person can act on, and never echoes a secret.
 */
public abstract sealed class Refusal extends RuntimeException
        permits InvalidInput, Refusal.NotFound, Refusal.Conflict, Refusal.Unauthenticated, Refusal.Forbidden,
                Refusal.TooLarge, Refusal.UnsupportedMedia, Refusal.Unavailable, Refusal.Busy {

    protected Refusal(String message) {
        super(message, null, false, false);
    }

    /** No such package, version or thing. */
    public static final class NotFound extends Refusal {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The thing exists already (a version is never published twice). */
    public static final class Conflict extends Refusal {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No credentials, or credentials the registry does not (or no longer) accept. */
    public static final class Unauthenticated extends Refusal {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** Known credentials that do not allow this (another namespace, a missing scope). */
    public static final class Forbidden extends Refusal {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** An upload larger than the configured limit. */
    public static final class TooLarge extends Refusal {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** A body in a form the registry does not read. */
    public static final class UnsupportedMedia extends Refusal {
        public UnsupportedMedia(String message) {
            super(message);
        }
    }

    /** A backing service (log, blob store, database, index) is down; nothing was changed, try again. */
    public static final class Unavailable extends Refusal {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Too much at once from this client or on this node; {@code retryAfterSeconds} says when to come back. */
    public static final class Busy extends Refusal {
        private final long retryAfterSeconds;

        public Busy(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
