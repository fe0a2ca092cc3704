package dev.wharf.project;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;

/**
 * The registry's own name rules ({@link PackageName}, the class the server checks with), applied
 * before a request leaves: what the server would refuse with a 400 is refused here with the same
 * sentence (issue 13). The one place the client touches the domain module, so re-pointing it is
 * one import.
 */
public final class PackageNames {

    private PackageNames() {}

    /** {@code text} when the registry accepts it as {@code namespace:package}, else a {@link ProjectError} with the server's sentence. */
    public static String check(String text) {
        try {
            return PackageName.parse(text).toString();
        } catch (InvalidInput e) {
            throw new ProjectError(e.getMessage());
        }
    }

    /** {@code text} when valid; otherwise a {@link ProjectError} that says where the name was found, then the server's sentence. */
    public static String check(String text, String where) {
        try {
            return PackageName.parse(text).toString();
        } catch (InvalidInput e) {
            throw new ProjectError(where + ": " + e.getMessage());
        }
    }
}
