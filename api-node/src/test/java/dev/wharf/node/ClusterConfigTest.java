package dev.wharf.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.config.EnvironmentLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ops/config/cluster-node.yml never falls back to development credentials. */
class ClusterConfigTest {

    @Test
    void aNodeStartedWithoutS3AndDatabaseCredentialsIsToldWhichToSet() throws Exception {
        String config = Files.readString(opsConfig().resolve("cluster-node.yml"));
        var substitutor = EnvironmentLookup.substitutor(Map.of("KAFKA_BOOTSTRAP", "kafka-1:9092", "REGISTRY_POSTGRES_USER", "wharf"));

        assertThatThrownBy(() -> substitutor.replace(config))
                .isInstanceOf(EnvironmentLookup.MissingVariables.class)
                .satisfies(e -> assertThat(((EnvironmentLookup.MissingVariables) e).names())
                        .containsExactly("S3_ACCESS_KEY", "S3_SECRET_KEY", "POSTGRES_PASSWORD"));
    }

    @Test
    void withEveryCredentialSetTheConfigIsComplete() throws Exception {
        String config = Files.readString(opsConfig().resolve("cluster-node.yml"));
        String filled = EnvironmentLookup.substitutor(Map.of("REGISTRY_S3_ACCESS_KEY", "key", "REGISTRY_S3_SECRET_KEY", "secret",
                "POSTGRES_USER", "wharf", "POSTGRES_PASSWORD", "pw")).replace(config);

        assertThat(filled).contains("accessKey: key", "secretKey: secret", "user: wharf", "password: \"pw\"");
    }

    private static Path opsConfig() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("ops/config/cluster-node.yml"))) return d.resolve("ops/config");
        }
        throw new IllegalStateException("ops/config not found above " + Path.of("").toAbsolutePath());
    }
}
