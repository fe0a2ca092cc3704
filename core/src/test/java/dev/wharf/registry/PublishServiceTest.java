package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import dev.wharf.domain.Sha256;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.memory.InMemoryBlobs;
import dev.wharf.memory.InMemoryRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of a publish, end to end through the core, with the engines replaced by small in-memory ports. */
class PublishServiceTest {

    /** The smallest valid WebAssembly: an empty core module. */
    static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @TempDir
    Path spool;

    final InMemoryRegistry registry = new InMemoryRegistry();
    final InMemoryBlobs blobs = new InMemoryBlobs();
    final PublishTokens tokens = new PublishTokens("admin-secret", "alice:alice-secret");

    PublishService service(Duration ackTimeout) {
        return new PublishService(tokens, new WasmInspector(), blobs, registry, registry, registry.verdicts(), registry,
                Duration.ofSeconds(1), ackTimeout, Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC), "test-node");
    }

    PublishForm form(String name, String version, Map<String, String> extra) throws Exception {
        Path file = Files.createTempFile(spool, "upload-", ".wasm");
        Files.write(file, EMPTY_MODULE);
        Map<String, String> fields = new HashMap<>(extra);
        fields.put("name", name);
        fields.put("version", version);
        return new PublishForm(fields, file, Sha256.of(MessageDigest.getInstance("SHA-256").digest(EMPTY_MODULE)), EMPTY_MODULE.length);
    }

    dev.wharf.governance.Principal alice() {
        return tokens.authenticate("Bearer alice-secret");
    }

    @Test
    void a_valid_publish_is_in_the_log_decided_and_readable() throws Exception {
        PublishResult result = service(Duration.ofSeconds(5)).publish(alice(), form("alice:calc", "1.0.0", Map.of("description", "adds")));

        assertThat(result).isInstanceOf(PublishResult.Published.class);
        PublishVersion event = ((PublishResult.Published) result).event();
        assertThat(event.publishedAt()).isEqualTo(1_700_000_000L);
        assertThat(event.wasm().kind()).isEqualTo("module");
        assertThat(registry.events()).containsExactly(event);
        assertThat(new PackageReads(registry).version("alice:calc", "1.0.0").description()).isEqualTo("adds");
        assertThat(blobs.count()).isEqualTo(1);
    }

    @Test
    void a_version_that_exists_is_a_conflict_and_never_reaches_the_log_twice() throws Exception {
        PublishService service = service(Duration.ofSeconds(5));
        service.publish(alice(), form("alice:calc", "1.0.0", Map.of()));

        assertThatThrownBy(() -> service.publish(alice(), form("alice:calc", "1.0.0+other", Map.of())))
                .isInstanceOf(Refusal.Conflict.class).hasMessage("alice:calc@1.0.0+other already exists");
        assertThat(registry.events()).hasSize(1);
    }

    @Test
    void a_token_publishes_only_in_its_namespace() throws Exception {
        assertThatThrownBy(() -> service(Duration.ofSeconds(5)).publish(alice(), form("bob:calc", "1.0.0", Map.of())))
                .isInstanceOf(Refusal.Forbidden.class).hasMessageContaining("only in namespace 'alice'");
        assertThatThrownBy(() -> tokens.authenticate("Bearer nobody")).isInstanceOf(Refusal.Unauthenticated.class);
        assertThat(registry.events()).isEmpty();
    }

    @Test
    void json_fields_holding_null_or_npm_ranges_are_refused_by_name() throws Exception {
        PublishService service = service(Duration.ofSeconds(5));
        assertThatThrownBy(() -> service.publish(alice(), form("alice:a", "1.0.0", Map.of("targets", "[\"wasm32-wasip2\", null]"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("targets");
        assertThatThrownBy(() -> service.publish(alice(), form("alice:a", "1.0.0", Map.of("dependencies", "[null]"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("dependencies");
        assertThatThrownBy(() -> service.publish(alice(), form("alice:a", "1.0.0",
                Map.of("dependencies", "[{\"name\": \"lib:json\", \"version\": \"1.0 || 2.0\"}]"))))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("Cargo");
        service.publish(alice(), form("alice:a", "1.0.0",
                Map.of("dependencies", "[{\"name\": \"lib:json\", \"version\": \">=1.0, <2.0\"}, {\"name\": \"lib:x\", \"version\": \"~1.2\"}]")));
        assertThat(registry.events()).hasSize(1);
    }

    @Test
    void nothing_is_published_when_the_blob_store_or_the_log_is_down() throws Exception {
        blobs.down();
        assertThatThrownBy(() -> service(Duration.ofSeconds(5)).publish(alice(), form("alice:calc", "1.0.0", Map.of())))
                .isInstanceOf(Refusal.Unavailable.class).hasMessageContaining("blob store");
        assertThat(registry.events()).isEmpty();

        InMemoryBlobs up = new InMemoryBlobs();
        registry.logDown();
        PublishService service = new PublishService(tokens, new WasmInspector(), up, registry, registry, registry.verdicts(),
                registry, Duration.ofSeconds(1), Duration.ofSeconds(5), Clock.systemUTC(), "test-node");
        assertThatThrownBy(() -> service.publish(alice(), form("alice:calc", "1.0.0", Map.of())))
                .isInstanceOf(Refusal.Unavailable.class).hasMessageContaining("event log");
    }

    @Test
    void without_a_verdict_in_time_the_publish_is_pending_and_its_status_says_so() throws Exception {
        registry.holdVerdicts();
        PublishService service = service(Duration.ofMillis(200));

        PublishResult result = service.publish(alice(), form("alice:calc", "1.0.0", Map.of()));

        assertThat(result).isInstanceOf(PublishResult.Pending.class);
        UUID id = ((PublishResult.Pending) result).eventId();
        assertThat(service.status(id).status()).isEqualTo("pending");
        assertThat(registry.verdicts().waiting()).as("a timed-out wait leaves nothing behind").isZero();
    }

    @Test
    void a_made_up_publish_id_is_not_found_rather_than_pending_forever() {
        assertThatThrownBy(() -> service(Duration.ofSeconds(1)).status(UUID.randomUUID()))
                .isInstanceOf(Refusal.NotFound.class);
    }
}
