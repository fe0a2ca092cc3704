package dev.wharf.testing;

import dev.wharf.errors.ErrorMappers;
import dev.wharf.inspect.WasmInspector;
import dev.wharf.memory.InMemoryBlobs;
import dev.wharf.memory.InMemoryRegistry;
import dev.wharf.packages.ArtifactResource;
import dev.wharf.packages.DownloadCounter;
import dev.wharf.packages.PackageListResource;
import dev.wharf.packages.PackagesResource;
import dev.wharf.publish.PublishResource;
import dev.wharf.publish.PublishStatusResource;
import dev.wharf.publish.RefusedUploadCloses;
import dev.wharf.publish.UploadSpool;
import dev.wharf.registry.PackageReads;
import dev.wharf.registry.PackageSearch;
import dev.wharf.registry.PublishService;
import dev.wharf.registry.PublishTokens;
import dev.wharf.search.SearchResource;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The HTTP edge alone: the real resources and error mappers in a small Jetty (Dropwizard's
 * client extension), over the real core, with the engines replaced by the in-memory ports of
 * {@code dev.wharf.memory}. No Kafka, database or Lucene: these tests start in milliseconds.
 */
public final class InMemoryNode {

    public static final String ADMIN_TOKEN = "admin-secret";
    public static final String ALICE_TOKEN = "alice-secret";

    public final InMemoryRegistry registry = new InMemoryRegistry();
    public final InMemoryBlobs blobs = new InMemoryBlobs();
    public final DropwizardClientExtension http;

    public InMemoryNode() {
        this(Duration.ofSeconds(5));
    }

    public InMemoryNode(Duration ackTimeout) {
        String url = "http://registry.test";
        PublishTokens tokens = new PublishTokens(ADMIN_TOKEN, "alice:" + ALICE_TOKEN);
        PublishService publishes = new PublishService(tokens, new WasmInspector(), blobs, registry, registry,
                registry.verdicts(), registry, Duration.ofSeconds(1), ackTimeout, Clock.systemUTC(), "edge-test");
        PackageReads reads = new PackageReads(registry);
        UploadSpool spool;
        try {
            spool = new UploadSpool(Files.createTempDirectory("wharf-edge-spool-"), 1024 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Counts stay in memory: these tests never start the flush.
        DownloadCounter downloads = new DownloadCounter(registry, Duration.ofHours(1), "edge-test");
        http = new DropwizardClientExtension(
                new ErrorMappers.RefusalMapper(), new ErrorMappers.WebApplicationMapper(), new ErrorMappers.UnexpectedMapper(), new ErrorMappers.JsonMapper(),
                new PackageListResource(reads), new PackagesResource(reads, new dev.wharf.packages.MetadataAnswers(reads, url, Duration.ofSeconds(5), false)),
                new PublishResource(tokens, spool, publishes, url, new dev.wharf.publish.PublishSlots(64, 32), new dev.wharf.metrics.RegistryMetrics(new com.codahale.metrics.MetricRegistry())), new RefusedUploadCloses(spool),
                new PublishStatusResource(publishes), new ArtifactResource(reads, blobs, downloads, false),
                new SearchResource(new PackageSearch(registry), url));
    }

    /** A Run-protocol client of this node; call once the extension has started. */
    public RunProtocol run() {
        return new RunProtocol(http.baseUri());
    }

    /** A real component from the fixtures. */
    public static Path calculator() {
        return Fixtures.component("component/example-calculator-1.0.0.wasm");
    }
}
