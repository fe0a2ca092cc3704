package dev.wharf.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics} on the admin port: every Dropwizard metric (JVM, Jetty, Jersey, the
 * database pool and {@link RegistryMetrics}' {@code wharf.*}) in the Prometheus text format 0.0.4,
 * through the Prometheus Java client's bridge for Dropwizard Metrics 4.
 */
public final class PrometheusEndpoint extends HttpServlet {

    private final transient PrometheusRegistry prometheus = new PrometheusRegistry();
    private final transient PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

    public PrometheusEndpoint(MetricRegistry dropwizard) {
        DropwizardExports.builder().dropwizardRegistry(dropwizard)
                .metricFilter((name, metric) -> !name.startsWith("wharf.")).register(prometheus);
        prometheus.register(new WharfFamilies(dropwizard));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        writer.write(response.getOutputStream(), prometheus.scrape());
    }
}
