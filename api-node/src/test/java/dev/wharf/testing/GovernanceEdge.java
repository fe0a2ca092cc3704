package dev.wharf.testing;

import dev.wharf.admin.TokensResource;
import dev.wharf.errors.ErrorMappers;
import dev.wharf.events.PublishVersion;
import dev.wharf.governance.TokenRegistry;
import dev.wharf.governance.TokenService;
import dev.wharf.governance.YankService;
import dev.wharf.memory.InMemoryRegistry;
import dev.wharf.registry.PublishTokens;
import dev.wharf.yank.YankResource;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The governance endpoints alone (token requests, yanks, deprecations) over the real core and
 * the in-memory log, for property tests that send them thousands of bodies. Started and
 * stopped by hand ({@link #start}, {@link #close}): jqwik runs no JUnit extensions.
 */
public final class GovernanceEdge implements AutoCloseable {

    public static final String ADMIN_TOKEN = "admin-secret";
    public static final String PACKAGE = "example:calc";

    private final DropwizardClientExtension http;
    private final HttpClient client = HttpClient.newHttpClient();

    private GovernanceEdge(DropwizardClientExtension http) {
        this.http = http;
    }

    public static GovernanceEdge start() throws Throwable {
        InMemoryRegistry registry = new InMemoryRegistry();
        TokenRegistry managed = new TokenRegistry();
        // The token projection of a real node reads the log; here every append is applied at once.
        dev.wharf.ports.EventAppender log = event -> {
            managed.apply(event);
            return registry.append(event);
        };
        registry.append(new PublishVersion(UUID.randomUUID(), 1L, PACKAGE, "1.0.0", "", null, null, null, List.of(), List.of(),
                "0".repeat(64), 8, null, "test"));
        PublishTokens tokens = new PublishTokens(ADMIN_TOKEN, "", managed, Clock.systemUTC());
        TokenService tokenService = new TokenService(managed, log, registry::awaitApplied, Duration.ofSeconds(5),
                Clock.systemUTC(), "edge-test");
        // No verdicts for governance events in memory: an ack timeout of zero answers 202 at once.
        YankService yanks = new YankService(log, registry, registry.verdicts(), registry, Duration.ofSeconds(5), Duration.ZERO,
                Clock.systemUTC(), "edge-test");
        DropwizardClientExtension http = new DropwizardClientExtension(new ErrorMappers.RefusalMapper(),
                new ErrorMappers.WebApplicationMapper(), new ErrorMappers.UnexpectedMapper(), new ErrorMappers.JsonMapper(),
                new TokensResource(tokens, tokenService),
                new YankResource(tokens, yanks, "http://registry.test", io.dropwizard.jackson.Jackson.newObjectMapper()));
        http.before();
        return new GovernanceEdge(http);
    }

    /** POSTs {@code body} as JSON with the admin token. */
    public HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(http.baseUri() + path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        http.after();
    }

}
