package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.Refusal;
import dev.wharf.events.Actor;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.governance.Principal;
import dev.wharf.governance.TokenRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who a token is: bootstrap tokens from the environment and managed tokens from the log. */
class PublishTokensTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Actor ADMIN = new Actor("env:admin", "env:admin", "node-1");

    final TokenRegistry registry = new TokenRegistry();
    final PublishTokens tokens = new PublishTokens("root", "alice:alice-secret", registry, Clock.fixed(NOW, ZoneOffset.UTC));

    void issue(String id, String secret, List<String> namespaces, List<String> scopes, Long expiresAt) {
        registry.apply(new TokenIssued(UUID.randomUUID(), NOW.toEpochMilli() - 1000, id, "token " + id, namespaces, scopes,
                expiresAt, PublishTokens.sha256Hex(secret), ADMIN));
    }

    @Test
    void bootstrap_tokens_are_named_after_the_environment() {
        Principal admin = tokens.authenticate("Bearer root");
        assertThat(admin.tokenName()).isEqualTo("env:admin");
        assertThat(admin.isAdmin()).isTrue();
        Principal alice = tokens.authenticate("Bearer alice-secret");
        assertThat(alice.tokenName()).isEqualTo("env:alice");
        alice.mayPublish(PackageName.parse("alice:calc"));
        assertThatThrownBy(() -> alice.mayPublish(PackageName.parse("bob:calc"))).isInstanceOf(Refusal.Forbidden.class)
                .hasMessageContaining("acts only in namespace 'alice', not 'bob'");
        assertThatThrownBy(alice::mustBeAdmin).isInstanceOf(Refusal.Forbidden.class).hasMessageContaining("no admin scope");
    }

    @Test
    void a_managed_token_works_until_it_expires_or_is_revoked() {
        issue("tok-1", "s1", List.of("alice"), List.of("publish"), NOW.getEpochSecond() + 60);
        assertThat(tokens.authenticate("Bearer s1").tokenId()).isEqualTo("tok-1");

        issue("tok-2", "s2", List.of("alice"), List.of("publish"), NOW.getEpochSecond() - 1);
        assertThatThrownBy(() -> tokens.authenticate("Bearer s2")).isInstanceOf(Refusal.Unauthenticated.class)
                .hasMessageContaining("expired on 2026-11-29T11:59:59Z").hasMessageNotContaining("s2 ");

        registry.apply(new TokenRevoked(UUID.randomUUID(), NOW.toEpochMilli(), "tok-1", "laptop stolen", ADMIN));
        assertThatThrownBy(() -> tokens.authenticate("Bearer s1")).isInstanceOf(Refusal.Unauthenticated.class)
                .hasMessageContaining("was revoked on").hasMessageContaining("laptop stolen");
        assertThatThrownBy(() -> tokens.authenticate("Bearer nothing")).isInstanceOf(Refusal.Unauthenticated.class)
                .hasMessage("unknown token");
    }

    @Test
    void scopes_decide_what_a_token_may_do() {
        issue("tok-y", "y", List.of("alice"), List.of("yank"), null);
        Principal yanker = tokens.authenticate("Bearer y");
        yanker.mayYank(PackageName.parse("alice:calc"));
        assertThatThrownBy(() -> yanker.mayPublish(PackageName.parse("alice:calc"))).isInstanceOf(Refusal.Forbidden.class)
                .hasMessageContaining("has no publish scope (it has yank)");
        issue("tok-a", "a", List.of("*"), List.of("admin"), null);
        Principal admin = tokens.authenticate("Bearer a");
        admin.mayPublish(PackageName.parse("bob:calc"));
        admin.mustBeAdmin();
    }

    @Test
    void a_malformed_REGISTRY_TOKENS_entry_stops_start_up_with_a_sentence_naming_it_but_not_its_secret() {
        assertThatThrownBy(() -> new PublishTokens("", "alice:a1,just-a-secret-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REGISTRY_TOKENS entry 2 of 2 has no ':' between namespace and token; expected NAMESPACE:TOKEN");
        assertThatThrownBy(() -> new PublishTokens("", "alice:a1,,bob:b1"))
                .hasMessageContaining("REGISTRY_TOKENS entry 2 of 3 is empty");
        assertThatThrownBy(() -> new PublishTokens("", "Bad Namespace:s3cr3t"))
                .hasMessageContaining("entry 1 of 1 names namespace 'Bad Namespace'").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> new PublishTokens("", "alice:"))
                .hasMessage("REGISTRY_TOKENS entry 1 of 1 (namespace 'alice') has an empty token");
    }
}
