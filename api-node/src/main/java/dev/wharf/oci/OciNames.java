package dev.wharf.oci;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Wharf's names appear in OCI: package {@code ns:pkg} is repository {@code <prefix>ns/pkg}
 * ({@code run:calc/calculator} is {@code run/calc/calculator}), and a version is a tag with
 * build metadata's {@code +} written {@code _} ({@code 1.0.0+abc} is tag {@code 1.0.0_abc}),
 * because the spec's tag grammar {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} has no {@code +}
 * (Helm's convention). Semver identifiers never contain {@code _}, so the mapping is one to one.
 */
public final class OciNames {

    /** distribution-spec "Pulling manifests": the repository name grammar, lower case only. */
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private final String prefix;

    /** @param prefix {@code OCI_NAMESPACE_PREFIX}: empty, or path components ending with {@code /} */
    public OciNames(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        if (!p.isEmpty() && !(p.endsWith("/") && NAME.matcher(p.substring(0, p.length() - 1)).matches())) {
            throw new IllegalArgumentException("OCI_NAMESPACE_PREFIX '" + p
                    + "' must be lower-case OCI path components ending with '/', e.g. 'wasm/'");
        }
        this.prefix = p;
    }

    public String prefix() {
        return prefix;
    }

    /** The package a repository holds, or empty when the name cannot be a Wharf package. */
    public Optional<PackageName> packageOf(String repository) {
        if (repository == null || !repository.startsWith(prefix) || !NAME.matcher(repository).matches()) return Optional.empty();
        String rest = repository.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) return Optional.empty();
        try {
            return Optional.of(new PackageName(rest.substring(0, slash), rest.substring(slash + 1)));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    /** The package a repository names, for push: a name that cannot be a package is NAME_INVALID. */
    public PackageName packageToPush(String repository) {
        return packageOf(repository).orElseThrow(() -> new OciError(OciError.Code.NAME_INVALID,
                "repository '" + printable(repository) + "' is not " + (prefix.isEmpty() ? "" : "'" + prefix + "' + ")
                        + "namespace/package of a Wharf package name (lower-case; the namespace is letters, digits and '-')"));
    }

    public String repositoryOf(PackageName name) {
        return prefix + name.namespace() + "/" + name.pkg();
    }

    public static String tagOf(String version) {
        return version.replace('+', '_');
    }

    /** The version a tag names, or empty when the tag is not a semver version in this spelling. */
    public static Optional<PackageVersion> versionOf(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) return Optional.empty();
        try {
            return Optional.of(PackageVersion.parse(tag.replace('_', '+')));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    /** The version a pushed tag names; anything else is TAG_INVALID with the reason. */
    public static PackageVersion versionToPush(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new OciError(OciError.Code.TAG_INVALID, "'" + printable(tag) + "' is not an OCI tag");
        }
        try {
            return PackageVersion.parse(tag.replace('_', '+'));
        } catch (InvalidInput e) {
            throw new OciError(OciError.Code.TAG_INVALID, "the tag is the version, and " + e.getMessage()
                    + " (build metadata is written with '_' for '+': 1.0.0_abc)");
        }
    }

    static String printable(String s) {
        if (s == null) return "";
        String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
