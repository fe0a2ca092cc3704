package dev.wharf.project;

/** Something about the project's files stops the command; the message is one sentence for a person. */
public final class ProjectError extends RuntimeException {

    public ProjectError(String message) {
        super(message);
    }

    public ProjectError(String message, Throwable cause) {
        super(message, cause);
    }
}
