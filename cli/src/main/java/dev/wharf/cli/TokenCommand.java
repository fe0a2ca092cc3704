package dev.wharf.cli;

import dev.wharf.wire.IssuedToken;
import dev.wharf.wire.TokenInfo;
import dev.wharf.project.ProjectError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wharf token create|list|revoke}: the registry's managed tokens (issue 10), through
 * {@code /api/v1/admin/tokens} with an admin token (or one with the {@code admin} scope).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list and revoke the registry's tokens (needs an admin token).",
        subcommands = {TokenCommand.Create.class, TokenCommand.List_.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    /** The scopes the registry knows (issue 10); anything else is refused before the request. */
    static final Set<String> SCOPES = Set.of("publish", "yank", "admin");

    @ParentCommand WharfCommand wharf;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(wharf.console.out());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Issue a new token; its secret is printed once and never again.",
                "e.g. wharf token create ci-alice --namespace alice --scope publish --expires-in-days 90"})
    static final class Create implements Callable<Integer> {
        @ParentCommand TokenCommand parent;
        @Mixin ProjectOptions project;
        @Mixin TokenOptions auth;

        @Parameters(paramLabel = "NAME", description = "A name people recognise (shown in the audit trail).")
        String name;

        @Option(names = "--namespace", paramLabel = "NS", required = true,
                description = "A namespace it may publish in (repeat for more; * for every namespace).")
        List<String> namespaces;

        @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "publish",
                description = "publish, yank or admin (repeat for more; default ${DEFAULT-VALUE}).")
        List<String> scopes;

        @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "Expire after this many days (default: never).")
        Integer expiresInDays;

        @Option(names = "--json", description = "Print the registry's answer as JSON (it holds the secret).")
        boolean json;

        @Override
        public Integer call() {
            Console console = parent.wharf.console;
            for (String scope : scopes) {
                if (!SCOPES.contains(scope)) throw new ProjectError("unknown scope '" + scope + "'; the scopes are publish, yank and admin");
            }
            for (String ns : namespaces) {
                if (!ns.equals("*")) dev.wharf.project.PackageNames.check(ns + ":x", "--namespace " + ns);
            }
            if (expiresInDays != null && expiresInDays < 1) throw new ProjectError("--expires-in-days must be at least 1");
            try (Session session = new Session(parent.wharf.env, console, project)) {
                IssuedToken t = session.client(session.token(auth.token)).createToken(name, namespaces, scopes, expiresInDays);
                if (json) {
                    console.json(t);
                    return 0;
                }
                console.out().println("Created token " + t.name() + " (id " + t.id() + ")");
                console.out().println("  namespaces: " + String.join(", ", t.namespaces()));
                console.out().println("  scopes:     " + String.join(", ", t.scopes()));
                console.out().println("  expires:    " + (t.expiresAt() == null ? "never" : t.expiresAt()));
                console.out().println();
                console.out().println(t.token());
                console.out().println();
                console.out().println("This is the only time the secret is shown; store it now (e.g. as RUN_AUTH_TOKEN in CI).");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registry's tokens (never their secrets).")
    static final class List_ implements Callable<Integer> {
        @ParentCommand TokenCommand parent;
        @Mixin ProjectOptions project;
        @Mixin TokenOptions auth;

        @Option(names = "--json", description = "Print the tokens as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Console console = parent.wharf.console;
            try (Session session = new Session(parent.wharf.env, console, project)) {
                List<TokenInfo> tokens = session.client(session.token(auth.token)).tokens();
                if (json) {
                    console.json(Map.of("tokens", tokens));
                    return 0;
                }
                if (tokens.isEmpty()) {
                    console.out().println("No managed tokens (tokens from REGISTRY_TOKENS are not listed)");
                    return 0;
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"ID", "NAME", "NAMESPACES", "SCOPES", "CREATED", "EXPIRES", "REVOKED"});
                for (TokenInfo t : tokens) {
                    rows.add(new String[] {t.id(), t.name(), String.join(",", t.namespaces()), String.join(",", t.scopes()),
                        orDash(t.createdAt()), t.expiresAt() == null ? "never" : t.expiresAt(), orDash(t.revokedAt())});
                }
                Table.print(console, rows);
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: every node refuses it from then on.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand TokenCommand parent;
        @Mixin ProjectOptions project;
        @Mixin TokenOptions auth;

        @Parameters(paramLabel = "ID", description = "The token's id (see `wharf token list`).")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit trail).")
        String reason;

        @Option(names = "--json", description = "Print the outcome as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Console console = parent.wharf.console;
            try (Session session = new Session(parent.wharf.env, console, project)) {
                session.client(session.token(auth.token)).revokeToken(id, reason);
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                out.put("revoked", true);
                out.put("reason", reason);
                console.json(out);
            } else {
                console.out().println("Revoked token " + id);
            }
            return 0;
        }
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
