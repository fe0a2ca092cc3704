package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.domain.PackageVersion;
import dev.wharf.events.PublishVersion;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The decisions every projection makes in log order, taken from one place. */
class PublishRulesTest {

    static PublishVersion event(String name, String version) {
        return new PublishVersion(UUID.randomUUID(), 1L, name, version, "", null, null, null, List.of(), List.of(),
                "0".repeat(64), 8, null, "alice");
    }

    @Test
    void the_first_event_for_a_version_in_log_order_wins_and_build_metadata_does_not_make_a_new_one() {
        Set<String> accepted = Set.of("1.0.0");
        assertThat(PublishRules.decide(event("alice:calc", "1.1.0"), accepted::contains)).isInstanceOf(PublishRules.Decision.Accept.class);
        assertThat(PublishRules.decide(event("alice:calc", "1.0.0+b"), accepted::contains))
                .isEqualTo(new PublishRules.Decision.Conflict("alice:calc@1.0.0+b already exists"));
    }

    @Test
    void an_event_that_breaks_a_rule_is_rejected_by_every_projection_alike() {
        assertThat(PublishRules.decide(event("Alice:calc", "1.0.0"), key -> false)).isInstanceOf(PublishRules.Decision.Reject.class);
        assertThat(PublishRules.decide(event("alice:calc", "latest"), key -> false)).isInstanceOf(PublishRules.Decision.Reject.class);
    }

    @Test
    void latest_is_the_highest_release_else_the_highest_pre_release() {
        assertThat(PublishRules.latest(List.of(PackageVersion.parse("1.0.0"), PackageVersion.parse("2.0.0-rc.1"))))
                .hasToString("1.0.0");
        assertThat(PublishRules.latest(List.of(PackageVersion.parse("2.0.0-rc.1"), PackageVersion.parse("2.0.0-rc.2"))))
                .hasToString("2.0.0-rc.2");
    }

    @Test
    void requirements_are_cargo_syntax() {
        for (String ok : List.of("1", "1.2", "1.2.3", "^1.2.3", "~1.2", "=1.2.0", ">=1.0, <2.0", "1.*", "*", "1.2.3-rc.1")) {
            VersionRequirement.check("lib:x", ok);
        }
        for (String bad : List.of(">=1.0 <2.0", "1.0 || 2.0", "latest", "", "v1", "1.2.3.4")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> VersionRequirement.check("lib:x", bad))
                    .as(bad).isInstanceOf(dev.wharf.domain.InvalidInput.class);
        }
    }

    static PublishForm form(String field, String value) {
        return new PublishForm(java.util.Map.of("version", "1.0.0", field, value), java.nio.file.Path.of("unused.wasm"),
                dev.wharf.domain.Sha256.parse("0".repeat(64)), 8);
    }

    /** Found by PublishJsonFieldsPropertiesTest: the refusal named no field, as if the package's own name were wrong. */
    @Test
    void a_bad_dependency_name_is_refused_naming_dependencies() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublishRules.validate(
                        form("dependencies", "[{\"name\": \"Bad Name\", \"version\": \"1\"}]"),
                        dev.wharf.domain.PackageName.parse("alice:calc"), null, "alice", 1L))
                .isInstanceOf(dev.wharf.domain.InvalidInput.class).hasMessageStartingWith("dependencies: package name 'Bad Name'");
    }

    @Test
    void a_json_field_with_something_after_its_array_is_refused_not_cut_short() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublishRules.validate(form("targets", "[\"wasi:cli/command\"] x"),
                        dev.wharf.domain.PackageName.parse("alice:calc"), null, "alice", 1L))
                .isInstanceOf(dev.wharf.domain.InvalidInput.class).hasMessageStartingWith("targets");
    }

    /** ops/fuzz through a cluster: a NUL in a publish's text stalled the PostgreSQL projection; the edge refuses it now. */
    @Test
    void text_fields_holding_a_nul_are_refused_naming_the_field() {
        for (var field : java.util.Map.of("description", "a\u0000b", "license", "MIT\u0000", "targets", "[\"t\\u0000\"]").entrySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublishRules.validate(form(field.getKey(), field.getValue()),
                            dev.wharf.domain.PackageName.parse("alice:calc"), null, "alice", 1L))
                    .as(field.getKey()).isInstanceOf(dev.wharf.domain.InvalidInput.class).hasMessageStartingWith(field.getKey());
        }
    }
}
