package dev.wharf.backup;

import dev.wharf.node.WharfConfiguration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code restore CONFIG BACKUP_DIR}: a backup into the config's new, empty DATA_DIR. */
public final class RestoreCommand extends ConfiguredCommand<WharfConfiguration> {

    public RestoreCommand() {
        super("restore", "Restore a backup (ops/wharf backup) into a new DATA_DIR; then start the node");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("backup").help("the backup directory");
    }

    @Override
    protected void run(Bootstrap<WharfConfiguration> bootstrap, Namespace namespace, WharfConfiguration config) throws Exception {
        Restore.into(config, Path.of(namespace.getString("backup")), System.out);
    }
}
