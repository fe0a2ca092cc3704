package dev.wharf.edge;

import dev.wharf.errors.JettyErrors;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Where hostile input first meets the node, set up in one call from the composition root:
 * Jetty's own error answers in JSON, headers Jersey cannot parse dropped, the admin tasks
 * gated, bearer tokens kept out of every log line (issue 14).
 */
public final class ServerEdge {

    private ServerEdge() {}

    /** @param tokens the configured {@code ns1:tok1,ns2:tok2} */
    public static void install(Environment environment, boolean adminTasks, String adminToken, String tokens) {
        List<String> secrets = new ArrayList<>();
        if (adminToken != null && !adminToken.isBlank()) secrets.add(adminToken);
        if (tokens != null) {
            for (String pair : tokens.split(",")) secrets.add(pair.substring(pair.indexOf(':') + 1));
        }
        AuthorizationRedaction.install(secrets);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                // Dropwizard sets Jetty's HTML ErrorHandler when it builds the server; this
                // replaces it before the connectors open.
                if (event instanceof Server server) server.setErrorHandler(new JettyErrors());
            }
        });
        environment.getApplicationContext().setErrorHandler(new JettyErrors());
        // 2 KiB/s: a publish of the 50 MB limit may take 7 hours and still pass; a body at one
        // byte every 5 s is cut 10 s after it starts (ops/slow-bodies).
        environment.servlets().addFilter("slow-body-cutoff", new SlowBodyCutoff(2048))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.servlets().addFilter("bodiless-headers", new BodilessHeaders())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new OddHeaders());
        environment.jersey().register(new EmptyErrorBodies());
        environment.admin().addFilter("admin-tasks-gate", new AdminTasksGate(adminTasks, adminToken))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
    }
}
