package dev.wharf.cli;

import dev.wharf.client.TransferProgress;
import dev.wharf.install.Installer;
import dev.wharf.install.PackageSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf install [ns:pkg[@req]] [--dev] [--locked] [--offline] [--json]}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {
            "Install every [dependencies] entry of run.toml (and [dev-dependencies] with --dev), as run.lock locks them.",
            "With a package, add it to run.toml first: ns:pkg@1.2.0 (means ^1.2.0), ns:pkg@~1.2, or ns:pkg for the newest.",
            "Requirements use the syntax Run reads (Cargo's): comparators joined by commas, e.g. \">=1.0, <2.0\".",
            "Components go to .run/components/<ns>__<pkg>@<version>.wasm; downloads are checked against the registry's sha256."})
final class InstallCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;
    @Mixin ResolveOptions resolve;

    @Parameters(arity = "0..1", paramLabel = "NS:PKG[@REQ]", description = "A package to add to run.toml and install.")
    String pkg;

    @Option(names = "--dev", description = "Add the package to [dev-dependencies]; without a package, install dev-dependencies too.")
    boolean dev;

    @Option(names = "--json", description = "Print what was installed as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PackageSpec spec = pkg == null ? null : PackageSpec.parse(pkg);
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            Installer installer = new Installer(session.layout(), session::client,
                    json ? TransferProgress.NONE : console.progress(), resolve.options());
            Installer.Outcome outcome = installer.install(spec, dev);
            outcome.notes().forEach(console::note);
            outcome.warnings().forEach(console::warn);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("components", outcome.steps().stream().map(s -> Map.of("name", s.name(), "version", s.version().toString(),
                        "action", s.action().name().toLowerCase(Locale.ROOT))).toList());
                out.put("changes", changes(outcome.changes()));
                out.put("run_toml_changed", outcome.runTomlChanged());
                out.put("notes", outcome.notes());
                out.put("warnings", outcome.warnings());
                console.json(out);
                return 0;
            }
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

    /** Version moves as JSON: {@code from}/{@code to} null when a component was added/removed. */
    static List<Map<String, Object>> changes(List<Installer.VersionChange> changes) {
        return changes.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("from", c.from() == null ? null : c.from().toString());
            m.put("to", c.to() == null ? null : c.to().toString());
            return m;
        }).toList();
    }
}
