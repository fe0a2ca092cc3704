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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Component downloads: the exact bytes, {@code application/wasm}, ETag = sha256, cacheable
 * forever (a version never changes), single byte ranges, never compressed.
 */
@Path("/packages/{path: .+}/artifact.wasm")
public final class ArtifactResource {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

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
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.contains(v.sha256()))) {
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
        boolean partial = false;
        Matcher m = range == null ? null : RANGE.matcher(range.strip());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) end = Math.min(end, Long.parseLong(m.group(2)));
            }
            if (start >= size || start > end) {
                return Response.status(416).header("Content-Range", "bytes */" + size).build();
            }
            partial = true;
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
        if (partial) answer.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        return answer.build();
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
