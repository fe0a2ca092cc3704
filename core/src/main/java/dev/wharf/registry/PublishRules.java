package dev.wharf.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.domain.Dependency;
import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.domain.Sha256;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The rules of a publish, in one place. The API node calls {@link #validate} to refuse a bad
 * request before anything is stored; every projection calls {@link #decide} to apply the log
 * in order (so events written by an older or a buggy node are judged by the same rules), and
 * {@link #latest} to choose the version a package shows.
 */
public final class PublishRules {

    static final int MAX_DESCRIPTION = 4096;
    static final int MAX_SHORT_FIELD = 256;
    static final int MAX_URL = 2048;
    // Trailing tokens refused: ["a"] x is not an array, and reading only its start would store
    // something other than what the client sent.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<List<Dependency>> DEPENDENCIES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private PublishRules() {}

    /** What the log's order makes of one publish event. */
    public sealed interface Decision {
        record Accept() implements Decision {}

        /** A version with the same precedence came first in log order. */
        record Conflict(String message) implements Decision {}

        /** The event breaks a rule (a writer that skipped or predates a check). */
        record Reject(String message) implements Decision {}
    }

    /**
     * The first event for a (package, version key) in log order wins; later ones are conflicts.
     * {@code taken} answers whether a version key of this package was already accepted.
     */
    public static Decision decide(PublishVersion event, Predicate<String> taken) {
        PackageVersion version;
        try {
            PackageName.parse(event.name());
            version = PackageVersion.parse(event.version());
        } catch (InvalidInput e) {
            return new Decision.Reject(e.getMessage());
        }
        if (taken.test(version.key())) return new Decision.Conflict(event.name() + "@" + event.version() + " already exists");
        return new Decision.Accept();
    }

    /**
     * The version a package shows (search hits, list pages, plain installs): the highest
     * release, or the highest pre-release when a package has nothing else.
     */
    public static PackageVersion latest(Collection<PackageVersion> versions) {
        return PackageVersion.latest(versions);
    }

    /**
     * As {@link #latest(Collection)}, but a yanked version is never offered while another is
     * (crates.io's rule: a yank withdraws a version from new resolution). When every version is
     * yanked, the package still shows its highest one, marked yanked, rather than nothing.
     */
    public static PackageVersion latest(Collection<PackageVersion> versions, java.util.Set<String> yankedKeys) {
        List<PackageVersion> offered = versions.stream().filter(v -> !yankedKeys.contains(v.key())).toList();
        return PackageVersion.latest(offered.isEmpty() ? versions : offered);
    }

    /**
     * A publish request made into its event, or a refusal naming the first rule it breaks.
     * {@code grant} has already been checked against the name by the caller.
     */
    public static PublishVersion validate(PublishForm form, PackageName name, WasmSummary wasm, String publisher,
                                          long now) {
        PackageVersion version = PackageVersion.parse(form.field("version"));
        String claimed = form.field("sha256");
        if (claimed != null && !Sha256.parse(claimed).equals(form.measuredSha256())) {
            throw new InvalidInput("sha256 mismatch: the form says " + Sha256.parse(claimed)
                    + " but the uploaded file hashes to " + form.measuredSha256());
        }
        String description = limited(form, "description", MAX_DESCRIPTION);
        String license = limited(form, "license", MAX_SHORT_FIELD);
        String repository = url(form, "repository");
        String witUrl = url(form, "wit_url");
        List<Dependency> dependencies = jsonArray(form, "dependencies", DEPENDENCIES);
        for (Dependency d : dependencies) {
            if (d == null || d.name() == null || d.version() == null) {
                throw new InvalidInput("dependencies: each entry needs a name and a version");
            }
            try {
                PackageName.parse(d.name());
            } catch (InvalidInput e) {
                // The client must learn which field holds the bad name: it is not the package's own.
                throw new InvalidInput("dependencies: " + e.getMessage());
            }
            VersionRequirement.check(d.name(), d.version());
        }
        List<String> targets = jsonArray(form, "targets", STRINGS);
        for (String target : targets) {
            if (target == null || target.isBlank()) throw new InvalidInput("targets: each entry must be a non-empty string");
            if (target.length() > MAX_SHORT_FIELD) throw new InvalidInput("targets: an entry is longer than " + MAX_SHORT_FIELD + " characters");
            // No text of a publish holds U+0000: PostgreSQL cannot store it (ops/fuzz, issue 14).
            if (target.indexOf('\0') >= 0) throw new InvalidInput("targets: an entry contains a NUL (U+0000) character");
        }
        return new PublishVersion(UUID.randomUUID(), now, name.toString(), version.toString(),
                description == null ? "" : description, license, repository, witUrl, dependencies, targets,
                form.measuredSha256().hex(), form.size(), wasm, publisher);
    }

    private static String limited(PublishForm form, String field, int max) {
        String value = form.field(field);
        if (value != null && value.length() > max) throw new InvalidInput(field + " is longer than " + max + " characters");
        if (value != null && value.indexOf('\0') >= 0) throw new InvalidInput(field + " must not contain NUL (U+0000) characters");
        return value;
    }

    private static String url(PublishForm form, String field) {
        String value = limited(form, field, MAX_URL);
        if (value == null) return null;
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInput(field + " must be an http(s) URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInput(field + " is not a valid URL");
        }
    }

    private static <T> List<T> jsonArray(PublishForm form, String field, TypeReference<List<T>> type) {
        String value = form.field(field);
        if (value == null) return List.of();
        List<T> parsed;
        try {
            parsed = JSON.readValue(value, type);
        } catch (IOException e) {
            throw new InvalidInput(field + " must be a JSON array of the documented shape");
        }
        if (parsed == null) return List.of();
        if (parsed.contains(null)) throw new InvalidInput(field + " must not hold null entries");
        return parsed;
    }
}
