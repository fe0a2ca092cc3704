package dev.wharf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentLookupTest {

    @Test
    void anOperatorWhoKeptTheOldRegistryPrefixedNamesStillGetsTheirValues() {
        var substitutor = EnvironmentLookup.substitutor(Map.of("REGISTRY_DATA_DIR", "/srv/wharf", "PORT", "9090"));

        assertThat(substitutor.replace("dataDir: ${DATA_DIR:-./data}\nport: ${PORT:-8080}\n"))
                .isEqualTo("dataDir: /srv/wharf\nport: 9090\n");
    }

    @Test
    void thePlainNameWinsOverItsAliasAndAnEmptyValueCountsAsUnset() {
        var substitutor = EnvironmentLookup.substitutor(Map.of(
                "DATA_DIR", "/plain", "REGISTRY_DATA_DIR", "/alias", "MAX_UPLOAD_MB", ""));

        assertThat(substitutor.replace("${DATA_DIR:-./data} ${MAX_UPLOAD_MB:-50}")).isEqualTo("/plain 50");
    }

    @Test
    void aClusterStartedWithoutItsCredentialsIsToldWhichOnesToSet() {
        var substitutor = EnvironmentLookup.substitutor(Map.of("S3_ACCESS_KEY", "key"));
        String config = """
                # Every ${VAR} also accepts its REGISTRY_-prefixed alias.
                accessKey: ${S3_ACCESS_KEY}
                secretKey: ${S3_SECRET_KEY}
                password: "${POSTGRES_PASSWORD}"
                bucket: ${S3_BUCKET:-wharf-blobs}
                """;

        assertThatThrownBy(() -> substitutor.replace(config))
                .isInstanceOf(EnvironmentLookup.MissingVariables.class)
                .hasMessage("Set S3_SECRET_KEY and POSTGRES_PASSWORD (or REGISTRY_S3_SECRET_KEY and REGISTRY_POSTGRES_PASSWORD)"
                        + " in the environment: the config requires them and has no default for them"
                        + " (credentials are never defaulted in cluster mode).");
    }

    @Test
    void aRequiredVariableMayComeThroughItsAlias() {
        var substitutor = EnvironmentLookup.substitutor(Map.of("REGISTRY_S3_SECRET_KEY", "secret"));

        assertThat(substitutor.replace("secretKey: ${S3_SECRET_KEY}")).isEqualTo("secretKey: secret");
    }
}
