package dev.wharf.verify;

import dev.wharf.project.FileDigest;
import dev.wharf.project.LockedComponent;
import dev.wharf.project.ProjectError;
import dev.wharf.project.ProjectFiles;
import dev.wharf.project.ProjectLayout;
import dev.wharf.project.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf verify}: recomputes the SHA-256 of every component {@code run.lock} names, as
 * installed in {@code .run/components}, and compares it with the locked one. (Run's own verify
 * looks in {@code .run/cache}; the installed file is the one a project runs, so Wharf checks it.)
 */
public final class Verification {

    public enum Status { OK, CHANGED, MISSING }

    public record Result(String name, String version, Status status, String expected, String actual, String path) {}

    private final ProjectLayout layout;

    public Verification(ProjectLayout layout) {
        this.layout = layout;
    }

    private boolean needsNothing() {
        if (!Files.exists(layout.runToml())) return false;
        dev.wharf.project.RunToml toml = dev.wharf.project.RunToml.read(layout.runToml());
        return toml.dependencies().isEmpty() && toml.devDependencies().isEmpty();
    }

    public List<Result> run() {
        if (!Files.exists(layout.runLock()) && needsNothing()) {
            return List.of(); // a project with no registry dependency has no run.lock (see Installer), and nothing to verify
        }
        if (!Files.exists(layout.runLock())) {
            throw new ProjectError("run.lock not found in " + layout.root() + "; run `wharf install` first");
        }
        ProjectFiles files = new ProjectFiles(layout);
        RunLock lock = RunLock.parse(files.io("read", layout.runLock(), () -> Files.readString(layout.runLock())));
        List<Result> results = new ArrayList<>();
        for (LockedComponent c : lock.components()) {
            Path file = layout.component(c.name(), c.version());
            String shown = layout.show(file);
            if (!Files.isRegularFile(file)) {
                results.add(new Result(c.name(), c.version().toString(), Status.MISSING, c.sha256(), null, shown));
                continue;
            }
            String actual = files.io("read", file, () -> FileDigest.sha256(file));
            Status status = actual.equals(c.sha256()) ? Status.OK : Status.CHANGED;
            results.add(new Result(c.name(), c.version().toString(), status, c.sha256(), actual, shown));
        }
        return results;
    }
}
