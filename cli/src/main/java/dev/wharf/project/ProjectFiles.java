package dev.wharf.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The project's file writes, each turned into one sentence when it fails. Files are written to a
 * temporary sibling and renamed over the target, so a reader never sees half a file.
 */
public final class ProjectFiles {

    private final ProjectLayout layout;

    public ProjectFiles(ProjectLayout layout) {
        this.layout = layout;
    }

    @FunctionalInterface
    public interface Io<T> {
        T run() throws IOException;
    }

    /** Runs {@code action}; an I/O failure becomes a {@link ProjectError} naming {@code verb} and {@code path}. */
    public <T> T io(String verb, Path path, Io<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw failure(verb, path, e);
        }
    }

    public void createDirectories(Path dir) {
        io("create", dir, () -> Files.createDirectories(dir));
    }

    public void writeAtomically(Path target, String text) {
        io("write", target, () -> {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    public void copyAtomically(Path source, Path target) {
        io("write", target, () -> {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            try {
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    public ProjectError failure(String verb, Path path, IOException e) {
        String where = layout.show(path);
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "a folder on the way does not exist";
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            why = "a file is in the way of a folder";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            why = fse.getReason().toLowerCase(java.util.Locale.ROOT);
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new ProjectError("cannot " + verb + " " + where + ": " + why, e);
    }
}
