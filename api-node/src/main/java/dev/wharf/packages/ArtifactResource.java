package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import dev.wharf.domain.Sha256;
import dev.wharf.errors.ApiError;
import dev.wharf.domain.VersionRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Component downloads: the exact bytes, {@code application/wasm}, ETag = sha256, cacheable
 * forever (a version never changes), single byte ranges, never compressed.
 */
@Path("/packages/{path: .+}/artifact.wasm")
public final class ArtifactResource {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final PackageReads reads;
    private final BlobStore blobs;
    private final DownloadCounter downloads;
    private final boolean redirectToPresigned;

    public ArtifactResource(PackageReads reads, BlobStore blobs, DownloadCounter downloads, boolean redirectToPresigned) {
        this.reads = reads;
        this.blobs = blobs;
        this.downloads = downloads;
        this.redirectToPresigned = redirectToPresigned;
    }

    @HEAD
    public Response head(@PathParam("path") String path) {
        VersionRecord v = find(path);
        return Response.ok().type("application/wasm").header("Content-Length", v.size())
                .header("ETag", "\"" + v.sha256() + "\"").header("Cache-Control", IMMUTABLE)
                .header("Accept-Ranges", "bytes").build();
    }

    @GET
    public Response download(@PathParam("path") String path,
                             @HeaderParam("Range") String range,
                             @HeaderParam("If-None-Match") String ifNoneMatch) throws IOException {
        VersionRecord v = find(path);
        String etag = "\"" + v.sha256() + "\"";
        if (revalidates(ifNoneMatch, v.sha256())) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", IMMUTABLE).build();
        }
        Sha256 sha = new Sha256(v.sha256());
        if (redirectToPresigned) {
            Optional<URI> presigned = blobs.presignedDownload(sha, Duration.ofMinutes(10));
            if (presigned.isPresent()) {
                downloads.count(v.name(), v.version());
                return Response.temporaryRedirect(presigned.get()).build();
            }
        }
        long size = v.size();
        long start = 0;
        long end = size - 1;
        ByteRange asked = ByteRange.of(range, size);
        if (asked instanceof ByteRange.Unsatisfiable none) {
            return Response.fromResponse(ApiError.response(ApiError.Code.RANGE_NOT_SATISFIABLE,
                    "the range starts past the end of this " + size + "-byte file"))
                    .header("Content-Range", none.contentRange()).build();
        }
        boolean partial = asked instanceof ByteRange.Partial;
        if (asked instanceof ByteRange.Partial p) {
            start = p.first();
            end = p.last();
        }
        InputStream in = openBlob(sha, start, end - start + 1);
        if (start == 0) downloads.count(v.name(), v.version());
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder answer = Response.status(partial ? 206 : 200).entity(body)
                .type("application/wasm")
                .header("Content-Length", end - start + 1)
                .header("ETag", etag)
                .header("Cache-Control", IMMUTABLE)
                .header("Accept-Ranges", "bytes");
        if (asked instanceof ByteRange.Partial p) answer.header("Content-Range", p.contentRange());
        return answer.build();
    }

    /** Whether {@code If-None-Match} names this blob (quoted or not): the client's copy is current. */
    static boolean revalidates(String ifNoneMatch, String sha256) {
        return ifNoneMatch != null && ifNoneMatch.contains(sha256);
    }

    private VersionRecord find(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) throw ApiError.notFound("use /packages/{name}/{version}/artifact.wasm");
        return reads.version(path.substring(0, slash), path.substring(slash + 1));
    }

    private InputStream openBlob(Sha256 sha, long start, long length) {
        try {
            return blobs.open(sha, start, length);
        } catch (BlobNotFound e) {
            throw ApiError.unavailable("the bytes of this version are not in the blob store yet; try again");
        } catch (IOException e) {
            throw ApiError.unavailable("the blob store is unavailable; try again");
        }
    }
}
