package dev.wharf.governance;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.Refusal;
import dev.wharf.events.Actor;
import java.util.List;
import java.util.Set;

/**
 * Who presented a token: its id and name (the audit's actor), the namespaces it acts in
 * ({@code *}: all) and its scopes. Built only by {@link dev.wharf.registry.PublishTokens} after
 * the token was found valid.
 */
public record Principal(String tokenId, String tokenName, List<String> namespaces, Set<Scope> scopes, Long expiresAt) {

    public static final String ANY = "*";

    public Principal {
        namespaces = List.copyOf(namespaces);
        scopes = Set.copyOf(scopes);
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }

    public boolean actsIn(PackageName name) {
        return isAdmin() || namespaces.contains(ANY) || namespaces.contains(name.namespace());
    }

    /** The actor of an event this principal causes on {@code node}. */
    public Actor actor(String node) {
        return new Actor(tokenId, tokenName, node);
    }

    /** What the publish event's {@code publisher} field has always held: {@code *} or the namespace. */
    public String publisher(PackageName name) {
        return isAdmin() || namespaces.contains(ANY) ? ANY : name.namespace();
    }

    public void mayPublish(PackageName name) {
        if (!isAdmin() && !scopes.contains(Scope.PUBLISH)) {
            throw new Refusal.Forbidden("token '" + tokenName + "' has no publish scope (it has " + scopeList() + ")");
        }
        inNamespace(name);
    }

    /** Yank, un-yank, deprecate: the {@code yank} or {@code publish} scope in the package's namespace, or admin. */
    public void mayYank(PackageName name) {
        if (!isAdmin() && !scopes.contains(Scope.YANK) && !scopes.contains(Scope.PUBLISH)) {
            throw new Refusal.Forbidden("token '" + tokenName + "' has neither the yank nor the publish scope (it has "
                    + scopeList() + ")");
        }
        inNamespace(name);
    }

    public void mustBeAdmin() {
        if (!isAdmin()) {
            throw new Refusal.Forbidden("token '" + tokenName + "' has no admin scope; managing tokens and reading the audit need one");
        }
    }

    private void inNamespace(PackageName name) {
        if (!actsIn(name)) {
            throw new Refusal.Forbidden("token '" + tokenName + "' acts only in namespace" + (namespaces.size() == 1 ? " " : "s ")
                    + String.join(", ", namespaces.stream().map(n -> "'" + n + "'").toList()) + ", not '" + name.namespace() + "'");
        }
    }

    private String scopeList() {
        return scopes.isEmpty() ? "none" : String.join(", ", scopes.stream().map(Scope::wire).sorted().toList());
    }
}
