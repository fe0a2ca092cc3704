package dev.wharf.resolve;

/** No set of versions satisfies the requirements; the message names the chains that collide. */
public final class ResolutionFailure extends RuntimeException {

    public ResolutionFailure(String message) {
        super(message);
    }
}
