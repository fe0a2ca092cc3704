package dev.wharf.node;

import dev.wharf.projection.ProjectionRebuild;

import dev.wharf.projection.ProjectionRebuild;
import dev.wharf.rebuild.StandaloneRebuild;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code rebuild CONFIG}: drop the projections, replay the log, report whether the state is the same. */
public final class RebuildCommand extends ConfiguredCommand<WharfConfiguration> {

    public RebuildCommand() {
        super("rebuild", "Replay the event log into fresh projections and compare them with the live ones (node must be stopped)");
    }

    @Override
    protected void run(Bootstrap<WharfConfiguration> bootstrap, Namespace namespace, WharfConfiguration config) throws Exception {
        ProjectionRebuild.Report report = rebuild(config, System.out);
        if (!report.equal()) {
            throw new IllegalStateException("the rebuilt projection differs from the live one (see above)");
        }
    }

    /** The rebuild of the node {@code config} describes, which must be stopped. */
    public static ProjectionRebuild.Report rebuild(WharfConfiguration config, PrintStream out) throws Exception {
        return StandaloneRebuild.run(config.layout(), config.kafka, config.embeddedKafka, config.metadataDatabase(),
                config.searchDirectory(), out);
    }
}
