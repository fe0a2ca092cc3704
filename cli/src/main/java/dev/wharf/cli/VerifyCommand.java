package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wharf.verify.Verification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wharf verify [--json]}: exit status 1 when any locked component differs or is missing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recompute the SHA-256 of every component in run.lock (as installed in .run/components) and report each one that differs or is missing.")
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Console console = wharf.console;
        List<Verification.Result> results;
        try (Session session = new Session(wharf.env, console, project)) {
            results = new Verification(session.layout()).run();
        }
        long failed = results.stream().filter(r -> r.status() != Verification.Status.OK).count();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", failed == 0);
            out.put("verified", results.size() - failed);
            out.put("failed", failed);
            out.put("components", results.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("version", r.version());
                m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                m.put("expected", r.expected());
                m.put("actual", r.actual());
                m.put("path", r.path());
                return m;
            }).toList());
            console.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            console.out().println("Verifying " + results.size() + " components...");
            for (Verification.Result r : results) {
                String coordinates = r.name() + "@" + r.version();
                switch (r.status()) {
                    case OK -> console.out().println("  OK        " + coordinates);
                    case MISSING -> console.out().println("  MISSING   " + coordinates + " (" + r.path() + ")");
                    case CHANGED -> {
                        console.out().println("  CHANGED   " + coordinates + " (" + r.path() + ")");
                        console.out().println("            expected sha256 " + r.expected());
                        console.out().println("            actual   sha256 " + r.actual());
                    }
                }
            }
            if (failed == 0) console.out().println("All " + results.size() + " components verified");
            else console.out().println((results.size() - failed) + " verified, " + failed + " failed; `wharf install` restores them");
        }
        if (failed > 0 && !json) {
            console.err().println("error: " + failed + (failed == 1 ? " component does" : " components do")
                    + " not match run.lock: " + String.join(", ", results.stream()
                            .filter(r -> r.status() != Verification.Status.OK).map(r -> r.name() + "@" + r.version()).toList()));
        }
        return failed == 0 ? 0 : WharfCommand.FAILED;
    }
}
