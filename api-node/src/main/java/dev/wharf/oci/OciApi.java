package dev.wharf.oci;

import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Puts the OCI distribution API and wasm-pkg discovery on a node (issue 11). */
public final class OciApi {

    /** An upload not touched for an hour is abandoned (a client resumes within seconds). */
    public static final Duration UPLOAD_TTL = Duration.ofHours(1);

    private OciApi() {}

    public static void register(Environment environment, OciRegistryPort port, Path spool, long maxUploadBytes,
                                String registryUrl, String namespacePrefix) throws IOException {
        OciNames names = new OciNames(namespacePrefix);
        BlobUploads uploads = new BlobUploads(spool, maxUploadBytes, UPLOAD_TTL, Clock.systemUTC());
        environment.lifecycle().manage(uploads);
        environment.jersey().register(new OciError.Mapper());
        environment.jersey().register(new RefusedPushCloses(maxUploadBytes));
        environment.jersey().register(new OciResource(new OciRepository(names, port, uploads), uploads, port));
        environment.jersey().register(new OciDiscoveryResource(registryUrl, names));
    }
}
