package dev.wharf.cli;

import dev.wharf.wire.PackageMeta;
import dev.wharf.project.PackageNames;
import dev.wharf.project.ProjectError;
import dev.wharf.resolve.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wharf yank ns:pkg@1.2.3 [--reason TEXT]} and {@code wharf unyank ns:pkg@1.2.3}, with
 * crates.io's meaning (issue 10): a yanked version stays downloadable, so every run.lock that
 * holds it keeps working, but new resolution no longer picks it.
 */
@Command(name = "yank", mixinStandardHelpOptions = true,
        description = {"Withdraw one version from new resolution; it stays downloadable for lockfiles that hold it.",
            "Needs a token with the yank (or publish) scope in the package's namespace."})
final class YankCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;
    @Mixin TokenOptions auth;

    @Parameters(paramLabel = "NS:PKG@VERSION", description = "The exact version to yank.")
    String coordinates;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown to people who still install it).")
    String reason;

    @Option(names = "--json", description = "Print the version's metadata as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Exact v = Exact.parse(coordinates);
        Console console = wharf.console;
        PackageMeta meta;
        try (Session session = new Session(wharf.env, console, project)) {
            meta = session.client(session.token(auth.token)).yank(v.name(), v.version(), reason);
        }
        if (json) console.json(meta);
        else console.out().println("Yanked " + v + (reason == null ? "" : " (" + reason + ")")
                + "; lockfiles that hold it still install it, new resolution skips it");
        return 0;
    }

    @Command(name = "unyank", mixinStandardHelpOptions = true, description = "Offer a yanked version for new resolution again.")
    static final class Unyank implements Callable<Integer> {
        @ParentCommand WharfCommand wharf;
        @Mixin ProjectOptions project;
        @Mixin TokenOptions auth;

        @Parameters(paramLabel = "NS:PKG@VERSION", description = "The exact version to restore.")
        String coordinates;

        @Option(names = "--json", description = "Print the version's metadata as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Exact v = Exact.parse(coordinates);
            Console console = wharf.console;
            PackageMeta meta;
            try (Session session = new Session(wharf.env, console, project)) {
                meta = session.client(session.token(auth.token)).unyank(v.name(), v.version());
            }
            if (json) console.json(meta);
            else console.out().println("Restored " + v + "; new resolution may pick it again");
            return 0;
        }
    }

    /** {@code ns:pkg@1.2.3}: a name the registry accepts and one exact version. */
    record Exact(String name, String version) {
        static Exact parse(String text) {
            int at = text.lastIndexOf('@');
            if (at <= 0 || at == text.length() - 1) {
                throw new ProjectError("'" + text + "' names no version; write namespace:package@1.2.3");
            }
            String name = PackageNames.check(text.substring(0, at).strip());
            try {
                return new Exact(name, Version.parse(text.substring(at + 1)).toString());
            } catch (IllegalArgumentException e) {
                throw new ProjectError("in '" + text + "': " + e.getMessage() + "; name one exact version");
            }
        }

        @Override
        public String toString() {
            return name + "@" + version;
        }
    }
}
