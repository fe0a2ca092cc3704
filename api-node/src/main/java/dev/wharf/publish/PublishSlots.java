package dev.wharf.publish;

import dev.wharf.errors.ApiError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many publishes this node reads at once, in total and per token. A publish holds a request
 * thread and a spool file for as long as its client takes to send the body; 1,100 slow bodies
 * once took the node to 1,140 threads and left /health unanswered for 30 s (issue 14). Past the
 * cap a publish is refused at once with Retry-After instead of waiting for a slot: a queued
 * publish would hold its thread all the same.
 */
public final class PublishSlots {

    /** Long enough for a normal publish to finish, short enough that a client retries soon. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final int perNode;
    private final int perToken;
    private final Semaphore node;
    private final ConcurrentHashMap<String, Semaphore> tokens = new ConcurrentHashMap<>();

    public PublishSlots(int perNode, int perToken) {
        this.perNode = perNode;
        this.perToken = perToken;
        this.node = new Semaphore(perNode);
    }

    /** A slot for one publish by {@code token} (its grant); close it when the publish is answered. */
    public Slot take(String token) {
        // Semaphores of tokens seen stay: one per configured token, a handful of objects.
        Semaphore mine = tokens.computeIfAbsent(token, t -> new Semaphore(perToken));
        if (!mine.tryAcquire()) {
            throw ApiError.retryLater(ApiError.Code.TOO_MANY_REQUESTS,
                    "this token already has " + perToken + " publishes in flight on this node", RETRY_AFTER_SECONDS);
        }
        if (!node.tryAcquire()) {
            mine.release();
            throw ApiError.retryLater(ApiError.Code.UNAVAILABLE,
                    "this node already has " + perNode + " publishes in flight", RETRY_AFTER_SECONDS);
        }
        return () -> {
            node.release();
            mine.release();
        };
    }

    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
