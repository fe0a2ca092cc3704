package dev.wharf.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequirementTest {

    private static boolean allows(String requirement, String version) {
        return Requirement.parse(requirement).allows(Version.parse(version));
    }

    @Test
    void a_bare_version_means_caret_as_in_cargo_and_run() {
        assertThat(allows("1.2.0", "1.2.0")).isTrue();
        assertThat(allows("1.2.0", "1.9.3")).isTrue();
        assertThat(allows("1.2.0", "2.0.0")).isFalse();
        assertThat(allows("1.2.0", "1.1.9")).isFalse();
        assertThat(allows("0.2.0", "0.2.7")).isTrue();
        assertThat(allows("0.2.0", "0.3.0")).isFalse();
        assertThat(allows("1.2", "1.8.0")).isTrue();
    }

    @Test
    void operators_wildcards_and_comma_separated_comparators() {
        assertThat(allows("^0.0.3", "0.0.4")).isFalse();
        assertThat(allows("~1.2", "1.2.9")).isTrue();
        assertThat(allows("~1.2", "1.3.0")).isFalse();
        assertThat(allows("=1.2.0", "1.2.1")).isFalse();
        assertThat(allows(">=1.0, <1.5", "1.4.9")).isTrue();
        assertThat(allows(">=1.0, <1.5", "1.5.0")).isFalse();
        assertThat(allows(">= 1.0 , < 1.5", "1.0.0")).isTrue();
        assertThat(allows("1.*", "1.99.0")).isTrue();
        assertThat(allows("*", "7.0.0")).isTrue();
        assertThat(allows("=1.2", "1.2.7")).isTrue();
        assertThat(allows("1.2.*", "1.2.7")).isTrue();
        assertThat(allows("1.2.*", "1.3.0")).isFalse();
        assertThat(allows(">=1.*", "1.0.0")).isTrue();
        assertThat(allows("1.2.0+build.5", "1.4.0")).isTrue();
    }

    @Test
    void pre_releases_only_match_a_requirement_that_names_one() {
        assertThat(allows("^1.0.0", "1.1.0-beta.1")).isFalse();
        assertThat(allows("^1.1.0-beta.1", "1.1.0-beta.2")).isTrue();
    }

    @Test
    void text_that_is_no_requirement_is_refused_with_an_example() {
        assertThatThrownBy(() -> Requirement.parse("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'latest' is not a version requirement");
        assertThatThrownBy(() -> Requirement.parse(">=1.0 and <2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Requirement.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void what_runs_semver_crate_refuses_is_refused_with_what_to_write_instead() {
        // Run reads requirements with Rust's semver crate (VersionReq::parse): commas only, no ||.
        assertThatThrownBy(() -> Requirement.parse(">=1.0 <2.0"))
                .hasMessage("'>=1.0 <2.0' is not a version requirement Run can read (separate comparators with a comma, like >=1.0, <2.0)");
        assertThatThrownBy(() -> Requirement.parse("^1 || ^3"))
                .hasMessage("'^1 || ^3' uses ||, which Run's version requirements (Cargo syntax) do not have; write one range, like ^1.2.0, ~1.2, >=1.0, <2.0 or 1.2.0");
        assertThatThrownBy(() -> Requirement.parse("*, <2")).hasMessageContaining("a wildcard (*) must be the only comparator");
        assertThatThrownBy(() -> Requirement.parse("01.2")).hasMessageContaining("no leading zero");
        assertThatThrownBy(() -> Requirement.parse("1.*.3")).hasMessageContaining("nothing but a wildcard may follow a wildcard");
        assertThatThrownBy(() -> Requirement.parse("1.2.0-")).hasMessageContaining("an empty pre-release identifier");
        assertThatThrownBy(() -> Requirement.parse("v1.2")).hasMessageContaining("is not a version requirement Run can read");
        assertThatThrownBy(() -> Requirement.parse("1.x.y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Requirement.parse("1.0,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Requirement.parse(String.join(", ", java.util.Collections.nCopies(33, ">=1"))))
                .hasMessageContaining("at most 32 comparators");
        assertThat(allows(String.join(", ", java.util.Collections.nCopies(32, ">=1")), "1.0.0")).isTrue();
    }

    @Test
    void keeps_the_text_as_written() {
        assertThat(Requirement.parse(" ^1.2 ")).hasToString("^1.2");
    }
}
