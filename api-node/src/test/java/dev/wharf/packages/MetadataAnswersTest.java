package dev.wharf.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.PublishVersion;
import dev.wharf.memory.InMemoryRegistry;
import dev.wharf.registry.PackageReads;
import dev.wharf.testing.Eventually;
import dev.wharf.testing.RunProtocol;
import dev.wharf.testing.StandaloneRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metadata answers come from memory, and an event about the package makes them anew. */
class MetadataAnswersTest {

    @RegisterExtension
    static final StandaloneRegistry node = new StandaloneRegistry();

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_answer_is_served_from_memory_until_an_event_about_its_package() throws Exception {
        InMemoryRegistry store = new InMemoryRegistry();
        store.append(new PublishVersion(UUID.randomUUID(), 1L, "alice:calc", "1.0.0", "", null, null, null, List.of(),
                List.of(), "a".repeat(64), 8, null, "alice"));
        MetadataAnswers answers = new MetadataAnswers(new PackageReads(store), "http://r", Duration.ofHours(1), true);
        assertThat(JSON.readTree(answers.meta("alice:calc", "1.0.0")).get("downloads").asLong()).isZero();

        store.append(new DownloadsCounted(UUID.randomUUID(), "alice:calc", Map.of("1.0.0", 3L), "n1"));
        assertThat(JSON.readTree(answers.meta("alice:calc", "1.0.0")).get("downloads").asLong())
                .as("served from memory: the store changed but no event was announced here").isZero();

        answers.changed("alice:calc");
        assertThat(JSON.readTree(answers.meta("alice:calc", "1.0.0")).get("downloads").asLong()).isEqualTo(3);
    }

    @Test
    void on_a_real_node_the_cached_answer_shows_new_downloads() throws Exception {
        RunProtocol run = node.run();
        assertThat(run.publish(StandaloneRegistry.ADMIN_TOKEN, "cache:calc", "1.0.0",
                dev.wharf.testing.InMemoryNode.calculator()).status()).isEqualTo(201);
        assertThat(run.meta("cache:calc", "1.0.0").json().get("downloads").asLong()).isZero();
        assertThat(run.meta("cache:calc", "1.0.0").json().get("downloads").asLong()).isZero();

        run.download("cache:calc", "1.0.0");

        long seen = Eventually.await(Duration.ofSeconds(20),
                () -> run.meta("cache:calc", "1.0.0").json().get("downloads").asLong(), n -> n == 1);
        assertThat(seen).isEqualTo(1);
    }
}
