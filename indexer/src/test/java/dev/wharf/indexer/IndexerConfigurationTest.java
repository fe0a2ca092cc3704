package dev.wharf.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.config.EnvironmentLookup;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ops/config/indexer.yml read as IndexerApplication reads it, from the environment given. */
class IndexerConfigurationTest {

    @Test
    void theIndexerTakesTheRegistryPrefixedAliasesTheReadmePromises() throws Exception {
        IndexerConfiguration config = load(Map.of(
                "REGISTRY_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                "REGISTRY_POSTGRES_URL", "jdbc:postgresql://db:5432/wharf",
                "REGISTRY_POSTGRES_USER", "wharf",
                "REGISTRY_POSTGRES_PASSWORD", "s3cret",
                "REGISTRY_INDEXER_GROUP", "indexers-eu"));

        assertThat(config.kafka.bootstrapServers).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.database.getUrl()).isEqualTo("jdbc:postgresql://db:5432/wharf");
        assertThat(config.database.getUser()).isEqualTo("wharf");
        assertThat(config.database.getPassword()).isEqualTo("s3cret");
        assertThat(config.groupId).isEqualTo("indexers-eu");
    }

    @Test
    void withoutDatabaseCredentialsTheIndexerRefusesToStartAndSaysWhichAreMissing() {
        assertThatThrownBy(() -> load(Map.of("KAFKA_BOOTSTRAP", "kafka-1:9092")))
                .isInstanceOf(EnvironmentLookup.MissingVariables.class)
                .hasMessageStartingWith("Set POSTGRES_USER and POSTGRES_PASSWORD (or REGISTRY_POSTGRES_USER and REGISTRY_POSTGRES_PASSWORD)");
    }

    private static IndexerConfiguration load(Map<String, String> env) throws Exception {
        return new YamlConfigurationFactory<>(IndexerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(IndexerApplication.configurationSource(env), opsConfig().resolve("indexer.yml").toString());
    }

    private static Path opsConfig() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("ops/config/indexer.yml"))) return d.resolve("ops/config");
        }
        throw new IllegalStateException("ops/config not found above " + Path.of("").toAbsolutePath());
    }
}
