package dev.wharf.cli;

import dev.wharf.install.Installer;
import picocli.CommandLine.Option;

/** cargo's {@code --locked} and {@code --offline}, for install and update. */
public final class ResolveOptions {

    @Option(names = "--locked", description = "Fail instead of changing run.lock (for CI: the lockfile must already say everything).")
    boolean locked;

    @Option(names = "--offline", description = "Never contact the registry: install only what run.lock locks, from .run/cache.")
    boolean offline;

    Installer.Options options() {
        return new Installer.Options(offline, locked);
    }
}
