package dev.wharf.cli;

import dev.wharf.client.RegistryError;
import dev.wharf.project.ProjectError;
import dev.wharf.resolve.ResolutionFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wharf} command: Run 2.0's registry workflow (install, update, publish, verify,
 * search, info) on the same files, plus the registry's governance (yank, deprecate, token, audit), so a project can switch between the two tools. Every failure
 * ends as one sentence on stderr and a non-zero exit status: 1 when the command failed, 2 when
 * it was called wrongly.
 */
@Command(name = "wharf", mixinStandardHelpOptions = true, versionProvider = WharfCommand.Version.class,
        description = "Install, update, publish and verify WASI components from a Wharf (or Run 2.0) registry.",
        subcommands = {InstallCommand.class, UpdateCommand.class, PublishCommand.class, VerifyCommand.class,
                SearchCommand.class, InfoCommand.class, YankCommand.class, YankCommand.Unyank.class, DeprecateCommand.class,
                TokenCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class WharfCommand implements Runnable {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    final Map<String, String> env;
    final Console console;

    WharfCommand(Map<String, String> env, Console console) {
        this.env = env;
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Console.system()));
    }

    /** Runs one command line and returns its exit status; never throws. */
    public static int run(String[] args, Map<String, String> env, Console console) {
        CommandLine cli = new CommandLine(new WharfCommand(env, console));
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            console.err().println("error: " + sentence(e));
            if (env.containsKey("WHARF_DEBUG")) e.printStackTrace(console.err());
            return FAILED;
        });
        cli.setParameterExceptionHandler((e, ignored) -> {
            String name = e.getCommandLine().getCommandName();
            console.err().println("error: " + e.getMessage() + " (see `" + (name.equals("wharf") ? "wharf" : "wharf " + name) + " --help`)");
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(console.out());
    }

    /** The one sentence a person sees for a failure. */
    static String sentence(Throwable e) {
        if (e instanceof RegistryError || e instanceof ProjectError || e instanceof ResolutionFailure) return e.getMessage();
        if (e instanceof UncheckedIOException u) return sentence(u.getCause());
        if (e instanceof IOException io) return "an input/output error stopped the command: " + io.getMessage();
        if (e instanceof OutOfMemoryError) return "wharf ran out of memory; raise -Xmx";
        return "wharf failed unexpectedly (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); set WHARF_DEBUG=1 to see where";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WharfCommand.class.getPackage().getImplementationVersion();
            return new String[] {"wharf " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
