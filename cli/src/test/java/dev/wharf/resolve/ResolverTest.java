package dev.wharf.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverTest {

    /** An in-memory registry index: the resolver's input, no HTTP. */
    static final class Index implements PackageSource {
        final Map<String, Map<Version, Release>> packages = new HashMap<>();
        final java.util.Set<String> yanked = new java.util.HashSet<>();

        Index yank(String coordinates) {
            yanked.add(coordinates);
            return this;
        }

        Index publish(String coordinates, String... needs) {
            String name = coordinates.substring(0, coordinates.lastIndexOf('@'));
            Version version = Version.parse(coordinates.substring(coordinates.lastIndexOf('@') + 1));
            List<Release.Needs> deps = new ArrayList<>();
            for (String n : needs) {
                int at = n.lastIndexOf('@');
                deps.add(new Release.Needs(n.substring(0, at), n.substring(at + 1)));
            }
            packages.computeIfAbsent(name, k -> new HashMap<>())
                    .put(version, new Release(name, version, "sha-" + coordinates, deps));
            return this;
        }

        @Override
        public List<Version> versions(String name) {
            return packages.getOrDefault(name, Map.of()).keySet().stream().filter(v -> !yanked.contains(name + "@" + v)).toList();
        }

        @Override
        public java.util.Set<Version> yanked(String name) {
            return packages.getOrDefault(name, Map.of()).keySet().stream().filter(v -> yanked.contains(name + "@" + v))
                    .collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public Release release(String name, Version version) {
            return packages.get(name).get(version);
        }
    }

    private static Root root(String name, String requirement) {
        return new Root(name, Requirement.parse(requirement), "run.toml");
    }

    private static Map<String, String> versions(Map<String, Release> resolved) {
        Map<String, String> out = new HashMap<>();
        resolved.forEach((k, v) -> out.put(k, v.version().toString()));
        return out;
    }

    @Test
    void a_chain_of_three_resolves_to_the_newest_versions_each_range_allows() {
        Index index = new Index()
                .publish("app:a@1.0.0", "app:b@^1.0")
                .publish("app:a@1.4.0", "app:b@^1.1")
                .publish("app:a@2.0.0", "app:b@^2.0")
                .publish("app:b@1.0.0", "app:c@~0.3.0")
                .publish("app:b@1.2.0", "app:c@~0.3.1")
                .publish("app:b@2.0.0", "app:c@^1")
                .publish("app:c@0.3.0").publish("app:c@0.3.4").publish("app:c@0.4.0").publish("app:c@1.0.0");

        Map<String, Release> resolved = new Resolver(index).resolve(List.of(root("app:a", "1.0.0")), Map.of());

        assertThat(versions(resolved)).isEqualTo(Map.of("app:a", "1.4.0", "app:b", "1.2.0", "app:c", "0.3.4"));
        assertThat(resolved.get("app:a").dependencies()).extracting(Release.Needs::name).containsExactly("app:b");
        assertThat(resolved.keySet()).containsExactly("app:a", "app:b", "app:c");
    }

    @Test
    void a_locked_version_is_kept_while_every_requirement_still_allows_it() {
        Index index = new Index().publish("app:a@1.0.0").publish("app:a@1.1.0").publish("app:a@2.0.0");

        assertThat(versions(new Resolver(index).resolve(List.of(root("app:a", "^1")), Map.of("app:a", Version.parse("1.0.0")))))
                .containsEntry("app:a", "1.0.0");
        assertThat(versions(new Resolver(index).resolve(List.of(root("app:a", "^2")), Map.of("app:a", Version.parse("1.0.0")))))
                .containsEntry("app:a", "2.0.0");
    }

    @Test
    void a_requirement_arriving_later_moves_an_earlier_choice_down() {
        // app:x is reached first (newest 2.0.0), then app:y asks for ^1: the next round settles on 1.5.0.
        Index index = new Index()
                .publish("app:x@1.5.0").publish("app:x@2.0.0")
                .publish("app:y@1.0.0", "app:x@^1");

        Map<String, Release> resolved = new Resolver(index).resolve(
                List.of(root("app:x", "*"), root("app:y", "1")), Map.of());

        assertThat(versions(resolved)).containsEntry("app:x", "1.5.0");
    }

    @Test
    void a_conflict_names_both_requirements_and_the_chains_behind_them() {
        Index index = new Index()
                .publish("app:web@1.0.0", "lib:json@^1.0")
                .publish("app:cli@1.0.0", "lib:args@^1")
                .publish("lib:args@1.0.0", "lib:json@^2.0")
                .publish("lib:json@1.0.0").publish("lib:json@1.3.0").publish("lib:json@2.0.0");

        assertThatThrownBy(() -> new Resolver(index).resolve(List.of(root("app:web", "1"), root("app:cli", "1")), Map.of()))
                .isInstanceOf(ResolutionFailure.class)
                .hasMessage("no version of lib:json satisfies every requirement on it: "
                        + "^1.0 (from run.toml → app:web@1.0.0) and ^2.0 (from run.toml → app:cli@1.0.0 → lib:args@1.0.0); "
                        + "available: 1.0.0, 1.3.0, 2.0.0");
    }

    @Test
    void no_version_satisfies_and_unknown_packages_are_one_sentence() {
        Index index = new Index().publish("app:a@1.0.0", "app:ghost@1").publish("app:b@1.0.0");

        assertThatThrownBy(() -> new Resolver(index).resolve(List.of(root("app:b", "^2")), Map.of()))
                .hasMessage("no version of app:b matches ^2 (required by run.toml); available: 1.0.0");
        assertThatThrownBy(() -> new Resolver(index).resolve(List.of(root("app:a", "1")), Map.of()))
                .hasMessage("package app:ghost is not in the registry (required by run.toml → app:a@1.0.0)");
    }

    @Test
    void cycles_do_not_loop() {
        Index index = new Index().publish("app:a@1.0.0", "app:b@1").publish("app:b@1.0.0", "app:a@1");

        assertThat(new Resolver(index).resolve(List.of(root("app:a", "1")), Map.of())).containsOnlyKeys("app:a", "app:b");
    }

    @Test
    void a_yanked_version_is_never_picked_anew_but_a_locked_one_is_kept_as_cargo_does() {
        Index index = new Index().publish("app:a@1.0.0").publish("app:a@1.1.0").publish("app:a@1.2.0").yank("app:a@1.2.0");
        List<Root> roots = List.of(root("app:a", "^1.0"));

        assertThat(versions(new Resolver(index).resolve(roots, Map.of()))).containsEntry("app:a", "1.1.0");

        Map<String, Version> locked = Map.of("app:a", Version.parse("1.2.0"));
        assertThat(versions(new Resolver(index).resolve(roots, locked))).as("install keeps the locked, yanked 1.2.0")
                .containsEntry("app:a", "1.2.0");
        assertThat(versions(new Resolver(index).resolve(roots, Map.of(), locked))).as("update moves off it when another version fits")
                .containsEntry("app:a", "1.1.0");
    }

    @Test
    void update_keeps_a_locked_yanked_version_only_when_nothing_else_fits() {
        Index index = new Index().publish("app:a@1.0.0").publish("app:a@2.0.0").yank("app:a@2.0.0");
        List<Root> roots = List.of(root("app:a", "^2"));
        Map<String, Version> locked = Map.of("app:a", Version.parse("2.0.0"));

        assertThat(versions(new Resolver(index).resolve(roots, Map.of(), locked))).containsEntry("app:a", "2.0.0");
        assertThatThrownBy(() -> new Resolver(index).resolve(roots, Map.of()))
                .isInstanceOf(ResolutionFailure.class)
                .hasMessage("no version of app:a matches ^2 (required by run.toml); available: 1.0.0 (yanked, so not offered: 2.0.0)");
    }
}
