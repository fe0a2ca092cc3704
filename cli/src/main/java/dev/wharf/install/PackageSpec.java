package dev.wharf.install;

import dev.wharf.project.ProjectError;
import dev.wharf.resolve.Requirement;
import java.util.regex.Pattern;

/**
 * A package as typed on the command line: {@code ns:pkg}, {@code ns:pkg@1.2.0} or
 * {@code ns:pkg@^1.2}. The part after the last {@code @} is a requirement (a bare version means {@code ^}).
 */
public record PackageSpec(String name, String requirement) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._/-]*");

    public static PackageSpec parse(String text) {
        String t = text.strip();
        int at = t.lastIndexOf('@');
        String name = at > 0 ? t.substring(0, at) : t;
        String requirement = at > 0 ? t.substring(at + 1) : null;
        if (!NAME.matcher(name).matches()) {
            throw new ProjectError("'" + text + "' is not a package name; write namespace:package, e.g. wasi:http or myorg:utils@1.0.0");
        }
        if (requirement != null) {
            try {
                Requirement.parse(requirement);
            } catch (IllegalArgumentException e) {
                throw new ProjectError("in '" + text + "': " + e.getMessage());
            }
        }
        return new PackageSpec(name, requirement);
    }

    public boolean hasRequirement() {
        return requirement != null;
    }
}
