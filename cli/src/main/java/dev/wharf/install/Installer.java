package dev.wharf.install;

import dev.wharf.wire.PackageMeta;
import dev.wharf.client.RegistryClient;
import dev.wharf.client.TransferProgress;
import dev.wharf.project.FileDigest;
import dev.wharf.project.LockedComponent;
import dev.wharf.project.ProjectError;
import dev.wharf.project.ProjectFiles;
import dev.wharf.project.ProjectLayout;
import dev.wharf.project.RunLock;
import dev.wharf.project.RunToml;
import dev.wharf.project.RunTomlEdit;
import dev.wharf.resolve.Release;
import dev.wharf.resolve.Requirement;
import dev.wharf.resolve.Resolver;
import dev.wharf.resolve.Root;
import dev.wharf.resolve.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Installs and updates a project's components the way Run does: requirements from
 * {@code run.toml}, exact versions in {@code run.lock}, files in {@code .run/components} and
 * {@code .run/cache}.
 *
 * <p>Every change happens in two phases. First everything is decided and every missing artifact
 * is downloaded into a temporary file in the cache and checked against the registry's SHA-256
 * (and the lockfile's); if anything fails, the temporary files are deleted and the project is as
 * it was. Only then are components copied into place and {@code run.toml} and {@code run.lock}
 * rewritten. A locked, fully cached project installs without contacting the registry.
 *
 * <p>A project that needs no component gets no {@code run.lock} (and loses one that has become
 * empty): Run refuses a lockfile holding only its header and checksum, because its
 * {@code verify()} recomputes the checksum without the header and, with no component block to
 * swallow the checksum line, actually compares it (issue 13). {@code --locked} refuses any change
 * to the locked components; {@code --offline} installs only from {@code run.lock} and
 * {@code .run/cache}, as cargo's flags do.
 */
public final class Installer {

    /** What happened to one component. */
    public enum Action { UP_TO_DATE, FROM_CACHE, DOWNLOADED, REPAIRED }

    public record Step(String name, Version version, Action action) {}

    /** A version that moved; {@code from} is null when added, {@code to} when removed. */
    public record VersionChange(String name, Version from, Version to) {}

    /**
     * What happened, and what a person should know: {@code notes} (dependencies skipped because
     * they are not from a registry) and {@code warnings} (a yanked version kept from run.lock, a
     * deprecated package).
     */
    public record Outcome(List<Step> steps, List<VersionChange> changes, boolean runTomlChanged, List<String> notes,
            List<String> warnings) {}

    /** cargo's {@code --offline} (never ask the registry) and {@code --locked} (fail rather than change run.lock). */
    public record Options(boolean offline, boolean locked) {
        public static final Options NONE = new Options(false, false);
    }

    private static final String FROM_TOML = "run.toml";
    private static final String FROM_TOML_DEV = "run.toml [dev-dependencies]";

    private final ProjectLayout layout;
    private final ProjectFiles files;
    private final Supplier<RegistryClient> client;
    private final TransferProgress progress;
    private final Options options;
    private RegistryPackages packages;
    private final List<String> notes = new ArrayList<>();

    /** @param client called only when the registry is needed */
    public Installer(ProjectLayout layout, Supplier<RegistryClient> client, TransferProgress progress) {
        this(layout, client, progress, Options.NONE);
    }

    public Installer(ProjectLayout layout, Supplier<RegistryClient> client, TransferProgress progress, Options options) {
        this.layout = layout;
        this.files = new ProjectFiles(layout);
        this.client = client;
        this.progress = progress;
        this.options = options;
    }

    private record Entry(String name, Version version, String sha256, List<String> dependencies) {}

    /**
     * {@code wharf install [ns:pkg[@req]] [--dev]}: with a package, adds it to {@code run.toml}
     * (dev-dependencies with {@code dev}) and installs everything; without, installs what
     * {@code run.toml} asks for, as locked.
     */
    public Outcome install(PackageSpec added, boolean dev) {
        boolean tomlExists = Files.exists(layout.runToml());
        if (added == null && !tomlExists) {
            throw new ProjectError("run.toml not found in " + layout.root() + "; create one, or name a package: wharf install ns:pkg");
        }
        RunToml toml = tomlExists ? RunToml.read(layout.runToml()) : RunToml.parse("");
        toml.localDependencies().forEach(d -> notes.add(d.note()));
        RunLock lock = readLock();
        List<Root> roots = roots(toml, lock, dev);
        String writeRequirement = null;
        if (added != null) {
            String origin = dev ? FROM_TOML_DEV : FROM_TOML;
            String existing = (dev ? toml.devDependencies() : toml.dependencies()).get(added.name());
            if (added.hasRequirement()) {
                roots.removeIf(r -> r.name().equals(added.name()) && r.origin().equals(origin));
                roots.add(new Root(added.name(), Requirement.parse(added.requirement()), origin));
                writeRequirement = added.requirement();
            } else if (existing == null) {
                roots.add(new Root(added.name(), Requirement.ANY, "the command line"));
                writeRequirement = "";
            }
        }
        boolean covered = covers(roots, lock);
        if (options.offline() && !covered) {
            throw new ProjectError("--offline: run.lock does not lock every requirement of run.toml"
                    + (added == null ? "" : " and " + added.name()) + "; run without --offline to resolve them");
        }
        List<Entry> plan = (added == null || options.offline()) && covered ? fromLock(roots, lock)
                : resolve(roots, lockedVersions(lock, Set.of()), lockedVersions(lock, Set.of()), lock);
        String newToml = null;
        if (writeRequirement != null) {
            String requirement = writeRequirement.isEmpty() ? versionOf(plan, added.name()).toString() : writeRequirement;
            newToml = tomlExists
                    ? RunTomlEdit.withDependency(files.io("read", layout.runToml(), () -> Files.readString(layout.runToml())),
                            dev, added.name(), requirement)
                    : RunTomlEdit.fresh(projectName(), dev, added.name(), requirement);
            RunToml.parse(newToml);
        }
        return apply(plan, lock, newToml);
    }

    /**
     * {@code wharf update [ns:pkg]}: moves every locked component (or just {@code only}) to the
     * newest version its requirements allow; the others stay locked where they still fit.
     */
    public Outcome update(String only) {
        if (!Files.exists(layout.runLock())) {
            throw new ProjectError("run.lock not found in " + layout.root() + "; run `wharf install` first");
        }
        if (options.offline()) {
            throw new ProjectError("wharf update asks the registry for newer versions, so it cannot run --offline");
        }
        RunToml toml = RunToml.read(layout.runToml());
        toml.localDependencies().forEach(d -> notes.add(d.note()));
        RunLock lock = readLock();
        if (only != null && lock.get(only).isEmpty()) {
            throw new ProjectError(only + " is not in run.lock; add it with `wharf install " + only + "`");
        }
        Set<String> unlocked = new HashSet<>();
        if (only == null) lock.components().forEach(c -> unlocked.add(c.name()));
        else unlocked.add(only);
        List<Root> roots = roots(toml, lock, false);
        return apply(resolve(roots, lockedVersions(lock, unlocked), lockedVersions(lock, Set.of()), lock), lock, null);
    }

    private List<Root> roots(RunToml toml, RunLock lock, boolean dev) {
        List<Root> roots = new ArrayList<>();
        toml.dependencies().forEach((name, req) -> roots.add(new Root(name, requirement("dependencies", name, req), FROM_TOML)));
        toml.devDependencies().forEach((name, req) -> {
            // Dev dependencies installed once (--dev) stay installed: they are in the lock.
            if (dev || lock.get(name).isPresent()) {
                roots.add(new Root(name, requirement("dev-dependencies", name, req), FROM_TOML_DEV));
            }
        });
        return roots;
    }

    private static Requirement requirement(String section, String name, String text) {
        try {
            return Requirement.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProjectError("run.toml [" + section + "] \"" + name + "\": " + e.getMessage());
        }
    }

    /** True when the lock already answers every requirement, transitively: no resolution needed. */
    private static boolean covers(List<Root> roots, RunLock lock) {
        Deque<String> queue = new ArrayDeque<>();
        for (Root root : roots) {
            var locked = lock.get(root.name());
            if (locked.isEmpty() || !root.requirement().allows(locked.get().version())) return false;
            queue.add(root.name());
        }
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) continue;
            var locked = lock.get(name);
            if (locked.isEmpty()) return false;
            queue.addAll(locked.get().dependencies());
        }
        return true;
    }

    private static List<Entry> fromLock(List<Root> roots, RunLock lock) {
        Map<String, Entry> out = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>();
        roots.forEach(r -> queue.add(r.name()));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (out.containsKey(name)) continue;
            LockedComponent c = lock.get(name).orElseThrow();
            out.put(name, new Entry(c.name(), c.version(), c.sha256(), c.dependencies()));
            queue.addAll(c.dependencies());
        }
        return new ArrayList<>(out.values());
    }

    private List<Entry> resolve(List<Root> roots, Map<String, Version> preferred, Map<String, Version> inLock, RunLock lock) {
        Map<String, Release> picked = new Resolver(packages()).resolve(roots, preferred, inLock);
        List<Entry> plan = new ArrayList<>();
        for (Release r : picked.values()) {
            lock.get(r.name()).ifPresent(locked -> {
                if (locked.version().equals(r.version()) && !locked.sha256().equals(r.sha256())) {
                    throw new ProjectError("the registry's sha256 for " + r.name() + "@" + r.version() + " (" + r.sha256()
                            + ") differs from the one in run.lock (" + locked.sha256() + "); refusing to install it");
                }
            });
            plan.add(new Entry(r.name(), r.version(), r.sha256(), r.dependencies().stream().map(Release.Needs::name).toList()));
        }
        return plan;
    }

    private Outcome apply(List<Entry> plan, RunLock oldLock, String newToml) {
        RunLock newLock = RunLock.of(plan.stream()
                .map(e -> new LockedComponent(e.name(), e.version(), e.sha256(), e.dependencies())).toList());
        boolean lockChanges = !List.copyOf(newLock.components()).equals(List.copyOf(oldLock.components()));
        if (options.locked() && lockChanges) {
            throw new ProjectError("--locked: run.lock would change (" + describe(changes(oldLock, newLock))
                    + "); run without --locked to update it");
        }
        // Phase 1: decide and download; nothing in .run/components, run.toml or run.lock changes yet.
        Map<Entry, Path> sources = new LinkedHashMap<>();
        Map<Path, Path> staged = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        try {
            for (Entry e : plan) {
                Path installed = layout.component(e.name(), e.version());
                if (Files.isRegularFile(installed) && e.sha256().equals(sha256(installed))) {
                    steps.add(new Step(e.name(), e.version(), Action.UP_TO_DATE));
                    continue;
                }
                boolean repair = Files.exists(installed);
                Path cached = layout.cached(e.name(), e.version());
                if (Files.isRegularFile(cached) && e.sha256().equals(sha256(cached))) {
                    sources.put(e, cached);
                    steps.add(new Step(e.name(), e.version(), repair ? Action.REPAIRED : Action.FROM_CACHE));
                    continue;
                }
                if (options.offline()) {
                    throw new ProjectError("--offline: " + e.name() + "@" + e.version() + " is not in .run/cache;"
                            + " run without --offline to download it");
                }
                PackageMeta meta = packages().meta(e.name(), e.version());
                if (!e.sha256().equals(meta.sha256())) {
                    throw new ProjectError("the registry's sha256 for " + e.name() + "@" + e.version() + " (" + meta.sha256()
                            + ") differs from the one in run.lock (" + e.sha256() + "); refusing to install it");
                }
                files.createDirectories(layout.cacheDir());
                Path part = layout.cacheDir().resolve("." + cached.getFileName() + ".part-" + ProcessHandle.current().pid());
                staged.put(part, cached);
                packages().client().download(meta, part, progress);
                sources.put(e, cached);
                steps.add(new Step(e.name(), e.version(), repair ? Action.REPAIRED : Action.DOWNLOADED));
            }
        } catch (RuntimeException failure) {
            staged.keySet().forEach(p -> p.toFile().delete());
            throw failure;
        }

        // Phase 2: everything is verified; put it in place.
        try {
            for (var move : staged.entrySet()) {
                files.io("write", move.getValue(), () -> Files.move(move.getKey(), move.getValue(),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
            }
        } finally {
            staged.keySet().forEach(p -> p.toFile().delete());
        }
        if (!plan.isEmpty()) files.createDirectories(layout.componentsDir());
        for (var install : sources.entrySet()) {
            Entry e = install.getKey();
            files.copyAtomically(install.getValue(), layout.component(e.name(), e.version()));
        }
        Set<String> kept = new HashSet<>();
        plan.forEach(e -> kept.add(e.name() + "@" + e.version()));
        for (LockedComponent old : oldLock.components()) {
            if (!kept.contains(old.coordinates())) {
                Path stale = layout.component(old.name(), old.version());
                files.io("remove", stale, () -> Files.deleteIfExists(stale));
            }
        }
        if (newToml != null) files.writeAtomically(layout.runToml(), newToml);
        boolean lockExists = Files.exists(layout.runLock());
        if (newLock.isEmpty()) {
            // Run refuses a lockfile with no component (see the class comment): no file is what Run accepts.
            if (lockExists && !options.locked()) files.io("remove", layout.runLock(), () -> Files.deleteIfExists(layout.runLock()));
        } else if (!options.locked()) {
            String rendered = newLock.render();
            if (!lockExists || !rendered.equals(files.io("read", layout.runLock(), () -> Files.readString(layout.runLock())))) {
                files.writeAtomically(layout.runLock(), rendered);
            }
        }
        return new Outcome(steps, changes(oldLock, newLock), newToml != null, List.copyOf(notes), warnings(plan));
    }

    /** Yanked versions kept from run.lock and deprecated packages, among the metadata this run fetched. */
    private List<String> warnings(List<Entry> plan) {
        if (packages == null) return List.of();
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Entry e : plan) {
            PackageMeta meta = packages.fetched(e.name(), e.version());
            if (meta == null) continue;
            if (meta.yanked()) {
                out.add(e.name() + "@" + e.version() + " is yanked" + (meta.yankReason() == null ? "" : " (" + meta.yankReason() + ")")
                        + "; kept because run.lock holds it; `wharf update " + e.name() + "` moves to a version that is not yanked when one fits");
            }
            if (meta.deprecated() != null) out.add(e.name() + " is deprecated: " + meta.deprecated());
        }
        return List.copyOf(out);
    }

    private static String describe(List<VersionChange> changes) {
        if (changes.isEmpty()) return "a checksum or dependency list differs";
        return String.join(", ", changes.stream().map(c -> c.from() == null ? "add " + c.name() + "@" + c.to()
                : c.to() == null ? "remove " + c.name() + "@" + c.from() : c.name() + " " + c.from() + " → " + c.to()).toList());
    }

    private static List<VersionChange> changes(RunLock before, RunLock after) {
        Map<String, VersionChange> out = new TreeMap<>();
        Map<String, Version> old = new HashMap<>();
        before.components().forEach(c -> old.put(c.name(), c.version()));
        for (LockedComponent c : after.components()) {
            Version was = old.remove(c.name());
            if (!c.version().equals(was)) out.put(c.name(), new VersionChange(c.name(), was, c.version()));
        }
        old.forEach((name, was) -> out.put(name, new VersionChange(name, was, null)));
        return new ArrayList<>(out.values());
    }

    private RunLock readLock() {
        if (!Files.exists(layout.runLock())) return RunLock.empty();
        return RunLock.parse(files.io("read", layout.runLock(), () -> Files.readString(layout.runLock())));
    }

    private static Map<String, Version> lockedVersions(RunLock lock, Set<String> except) {
        Map<String, Version> out = new HashMap<>();
        lock.components().forEach(c -> {
            if (!except.contains(c.name())) out.put(c.name(), c.version());
        });
        return out;
    }

    private static Version versionOf(List<Entry> plan, String name) {
        return plan.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().version();
    }

    private String sha256(Path file) {
        return files.io("read", file, () -> FileDigest.sha256(file));
    }

    private String projectName() {
        Path name = layout.root().getFileName();
        return name == null ? "unnamed" : name.toString();
    }

    private RegistryPackages packages() {
        if (packages == null) packages = new RegistryPackages(client.get());
        return packages;
    }
}
