package dev.wharf.cli;

import dev.wharf.install.Installer;
import dev.wharf.install.PackageSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf install [ns:pkg[@req]] [--dev]}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {
            "Install every [dependencies] entry of run.toml (and [dev-dependencies] with --dev), as run.lock locks them.",
            "With a package, add it to run.toml first: ns:pkg@1.2.0 (means ^1.2.0), ns:pkg@~1.2, or ns:pkg for the newest.",
            "Components go to .run/components/<ns>__<pkg>@<version>.wasm; downloads are checked against the registry's sha256."})
final class InstallCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Parameters(arity = "0..1", paramLabel = "NS:PKG[@REQ]", description = "A package to add to run.toml and install.")
    String pkg;

    @Option(names = "--dev", description = "Add the package to [dev-dependencies]; without a package, install dev-dependencies too.")
    boolean dev;

    @Override
    public Integer call() {
        PackageSpec spec = pkg == null ? null : PackageSpec.parse(pkg);
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            Installer.Outcome outcome = new Installer(session.layout(), session::client, console.progress()).install(spec, dev);
            int fresh = 0;
            int current = 0;
            for (Installer.Step step : outcome.steps()) {
                String coordinates = step.name() + "@" + step.version();
                switch (step.action()) {
                    case UP_TO_DATE -> current++;
                    case REPAIRED -> {
                        console.out().println("Repaired " + coordinates + " (the installed file did not match run.lock)");
                        fresh++;
                    }
                    case DOWNLOADED, FROM_CACHE -> {
                        console.out().println("Installed " + coordinates);
                        fresh++;
                    }
                }
            }
            for (Installer.VersionChange change : outcome.changes()) {
                if (change.to() == null) console.out().println("Removed " + change.name() + "@" + change.from() + " (no longer required)");
            }
            if (spec != null && outcome.runTomlChanged()) {
                console.out().println("Added " + spec.name() + " to " + (dev ? "[dev-dependencies]" : "[dependencies]") + " in run.toml");
            }
            console.out().println(fresh + " installed, " + current + " already up to date");
        }
        return 0;
    }
}
