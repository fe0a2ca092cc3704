package dev.wharf.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Picks one version of every package the project needs, transitively: the newest version that
 * every requirement on it allows, unless a preferred (locked) version is still allowed. Like
 * Cargo and Run it does not backtrack into older versions of a dependent to dodge a conflict;
 * it reports the conflict instead, with the chain of packages behind each requirement.
 *
 * <p>Yanked versions are never chosen for new resolution; a yanked version the lockfile holds is
 * kept while every requirement allows it (cargo's rule, issue 10), and {@code update} falls back
 * to it only when no other version fits.
 *
 * <p>Selection runs in rounds: a round walks the graph from the roots with the versions chosen
 * so far and collects every requirement; when a chosen version violates a requirement that
 * arrived later, the next round re-chooses. It stops when a round changes nothing.
 */
public final class Resolver {

    private static final int MAX_ROUNDS = 64;

    private final PackageSource source;
    private final Map<String, List<Version>> versions = new HashMap<>();
    private final Map<String, java.util.Set<Version>> yanked = new HashMap<>();
    private Map<String, Version> locked = Map.of();
    private final Map<String, Release> releases = new HashMap<>();

    public Resolver(PackageSource source) {
        this.source = source;
    }

    /** A requirement on a package, and the chain of packages that led to it. */
    private record Constraint(Requirement requirement, String chain) {}

    /**
     * @param preferred versions to keep when they still satisfy every requirement (the lockfile)
     * @return every selected release, keyed and ordered by name
     */
    public Map<String, Release> resolve(List<Root> roots, Map<String, Version> preferred) {
        return resolve(roots, preferred, preferred);
    }

    /**
     * @param preferred versions to keep when they still satisfy every requirement
     * @param locked what the lockfile holds: a yanked version among them is still eligible, as a last resort
     */
    public Map<String, Release> resolve(List<Root> roots, Map<String, Version> preferred, Map<String, Version> locked) {
        this.locked = locked;
        Map<String, Version> chosen = new HashMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
            Map<String, String> reachedVia = new HashMap<>();
            Map<String, Release> picked = new LinkedHashMap<>();
            Deque<String> queue = new ArrayDeque<>();
            for (Root root : roots) {
                constraints.computeIfAbsent(root.name(), n -> new ArrayList<>())
                        .add(new Constraint(root.requirement(), root.origin()));
                reachedVia.putIfAbsent(root.name(), root.origin());
                queue.add(root.name());
            }
            while (!queue.isEmpty()) {
                String name = queue.poll();
                if (picked.containsKey(name)) continue;
                Version previous = chosen.get(name);
                Version version = previous != null && allowedByAll(previous, constraints.get(name))
                        ? previous
                        : choose(name, constraints.get(name), preferred.get(name));
                Release release = release(name, version);
                picked.put(name, release);
                String chain = reachedVia.get(name) + " → " + name + "@" + version;
                for (Release.Needs need : release.dependencies()) {
                    Requirement requirement = parseRequirement(need, name, version);
                    constraints.computeIfAbsent(need.name(), n -> new ArrayList<>()).add(new Constraint(requirement, chain));
                    reachedVia.putIfAbsent(need.name(), chain);
                    queue.add(need.name());
                }
            }
            Map<String, Version> next = new HashMap<>();
            boolean settled = true;
            for (Release release : picked.values()) {
                List<Constraint> on = constraints.get(release.name());
                if (allowedByAll(release.version(), on)) {
                    next.put(release.name(), release.version());
                } else {
                    settled = false;
                    next.put(release.name(), choose(release.name(), on, preferred.get(release.name())));
                }
            }
            if (settled) return new TreeMap<>(picked);
            chosen = next;
        }
        throw new ResolutionFailure("the dependency requirements did not settle after " + MAX_ROUNDS
                + " rounds; check run.toml for requirements that pull each other back and forth");
    }

    private Version choose(String name, List<Constraint> on, Version preferred) {
        List<Version> available = versions(name);
        java.util.Set<Version> yankedOnes = yanked.computeIfAbsent(name, source::yanked);
        if (available.isEmpty() && yankedOnes.isEmpty()) {
            throw new ResolutionFailure("package " + name + " is not in the registry (required by "
                    + on.getFirst().chain() + ")");
        }
        if (preferred != null && (available.contains(preferred) || yankedOnes.contains(preferred)) && allowedByAll(preferred, on)) {
            return preferred;
        }
        Version best = null;
        for (Version v : available) {
            if (allowedByAll(v, on) && (best == null || v.compareTo(best) > 0)) best = v;
        }
        if (best != null) return best;
        Version wasLocked = locked.get(name);
        if (wasLocked != null && yankedOnes.contains(wasLocked) && allowedByAll(wasLocked, on)) return wasLocked;
        String list = (available.isEmpty() ? "none" : available.stream().sorted().map(Version::toString).collect(Collectors.joining(", ")))
                + (yankedOnes.isEmpty() ? "" : " (yanked, so not offered: "
                        + yankedOnes.stream().sorted().map(Version::toString).collect(Collectors.joining(", ")) + ")");
        if (on.size() == 1) {
            Constraint only = on.getFirst();
            throw new ResolutionFailure("no version of " + name + " matches " + only.requirement()
                    + " (required by " + only.chain() + "); available: " + list);
        }
        String each = on.stream()
                .map(c -> c.requirement() + " (from " + c.chain() + ")")
                .collect(Collectors.joining(" and "));
        throw new ResolutionFailure("no version of " + name + " satisfies every requirement on it: " + each
                + "; available: " + list);
    }

    private static boolean allowedByAll(Version v, List<Constraint> on) {
        if (on == null) return true;
        for (Constraint c : on) if (!c.requirement().allows(v)) return false;
        return true;
    }

    private static Requirement parseRequirement(Release.Needs need, String name, Version version) {
        try {
            return Requirement.parse(need.requirement());
        } catch (IllegalArgumentException e) {
            throw new ResolutionFailure(name + "@" + version + " declares a dependency on " + need.name()
                    + " with an unreadable requirement: " + e.getMessage());
        }
    }

    private List<Version> versions(String name) {
        return versions.computeIfAbsent(name, source::versions);
    }

    private Release release(String name, Version version) {
        return releases.computeIfAbsent(name + "@" + version, k -> source.release(name, version));
    }
}
