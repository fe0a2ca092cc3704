package dev.wharf.install;

import dev.wharf.project.PackageNames;
import dev.wharf.project.ProjectError;
import dev.wharf.resolve.Requirement;

/**
 * A package as typed on the command line: {@code ns:pkg}, {@code ns:pkg@1.2.0} or
 * {@code ns:pkg@^1.2}. The part after the last {@code @} is a requirement (a bare version means {@code ^})
 * in the syntax Run reads (Cargo's); the name follows the registry's rules.
 */
public record PackageSpec(String name, String requirement) {

    public static PackageSpec parse(String text) {
        String t = text.strip();
        int at = t.lastIndexOf('@');
        String name = at > 0 ? t.substring(0, at) : t;
        String requirement = at > 0 ? t.substring(at + 1) : null;
        PackageNames.check(name); // the server's rule and sentence
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
