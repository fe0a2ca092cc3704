package dev.wharf.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "dev", "stable", "Latest", "1", "1.0", "v1.0.0", "1.0.0.0", "01.2.3", "1.0.0-", "1.0.0+", "x"})
    void refuses_mutable_tags_and_non_semver(String version) {
        assertThatThrownBy(() -> PackageVersion.parse(version)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void build_metadata_is_not_part_of_the_identity() {
        assertThat(PackageVersion.parse("1.0.1+a").key()).isEqualTo(PackageVersion.parse("1.0.1+b").key()).isEqualTo("1.0.1");
        assertThat(PackageVersion.parse("1.0.1-rc.1+a").key()).isEqualTo("1.0.1-rc.1");
    }

    @Test
    void orders_by_semver_precedence() {
        List<String> sorted = List.of("1.10.0", "1.2.0", "1.10.0-rc.1", "1.10.0-alpha", "0.9.9").stream()
                .map(PackageVersion::parse).sorted().map(PackageVersion::toString).toList();
        assertThat(sorted).containsExactly("0.9.9", "1.2.0", "1.10.0-alpha", "1.10.0-rc.1", "1.10.0");
    }

    @Test
    void latest_prefers_the_highest_release_over_newer_prereleases() {
        assertThat(PackageVersion.latest(List.of(PackageVersion.parse("1.0.0"), PackageVersion.parse("2.0.0-rc.1"))).toString())
                .isEqualTo("1.0.0");
        assertThat(PackageVersion.latest(List.of(PackageVersion.parse("2.0.0-rc.1"), PackageVersion.parse("2.0.0-rc.2"))).toString())
                .isEqualTo("2.0.0-rc.2");
    }
}
