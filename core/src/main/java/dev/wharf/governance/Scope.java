package dev.wharf.governance;

import dev.wharf.domain.InvalidInput;
import java.util.Locale;

/**
 * What a token may do. {@code admin} may do everything, in every namespace (issue and revoke
 * tokens, read the audit, publish, yank, deprecate); {@code publish} includes {@code yank} in the
 * token's namespaces, because whoever may release a version may withdraw it (crates.io's rule).
 */
public enum Scope {
    PUBLISH, YANK, ADMIN;

    public static Scope parse(String text) {
        if (text != null) {
            for (Scope s : values()) if (s.wire().equals(text.strip().toLowerCase(Locale.ROOT))) return s;
        }
        throw new InvalidInput("scope '" + (text == null ? "null" : dev.wharf.domain.PackageName.printable(text))
                + "' is not one of publish, yank, admin");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
