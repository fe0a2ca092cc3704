package dev.wharf.oci;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/**
 * The OCI distribution API ({@code /v2}), pull and push, over Wharf's packages. It parses HTTP
 * and writes headers; {@link OciRepository} decides, and every refusal is an {@link OciError}.
 * Every manifest and blob answer carries {@code Docker-Content-Digest} (oras resolves tags with
 * HEAD and fails without it).
 */
@Path("/v2")
public final class OciResource {

    /** distribution-spec "Pushing Manifests": registries should accept manifests of at least 4 MiB. */
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final String DIGEST = "Docker-Content-Digest";
    private static final String UPLOAD_UUID = "Docker-Upload-UUID";
    private static final String OCTETS = "application/octet-stream";

    private final OciRepository repository;
    private final BlobUploads uploads;
    private final OciRegistryPort port;

    public OciResource(OciRepository repository, BlobUploads uploads, OciRegistryPort port) {
        this.repository = repository;
        this.uploads = uploads;
        this.port = port;
    }

    /**
     * 200 with no 401 challenge, so anonymous clients (wkg) pull without credentials. The
     * {@code WWW-Authenticate} header on this 200 is not a challenge (RFC 9110 §11.6.1: a
     * server may send it on other responses to say credentials may matter): containers/image
     * (skopeo, podman) learns from this ping alone which scheme to send its credentials with,
     * and sends none to a registry whose ping names no scheme.
     */
    @GET
    public Response ping() {
        return Response.ok(Map.of(), "application/json")
                .header("Docker-Distribution-API-Version", "registry/2.0")
                .header("WWW-Authenticate", OciError.CHALLENGE)
                .build();
    }

    @GET
    @Path("{name: .+}/tags/list")
    public Response tags(@PathParam("name") String name, @QueryParam("n") String n, @QueryParam("last") String last) {
        Integer count = null;
        if (n != null && !n.isBlank()) {
            try {
                count = Integer.valueOf(n.strip());
            } catch (NumberFormatException e) {
                throw new OciError(OciError.Code.PAGINATION_NUMBER_INVALID, "n must be a number");
            }
        }
        OciRepository.TagPage page = repository.tags(name, count, last);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", page.name());
        body.put("tags", page.tags());
        Response.ResponseBuilder answer = Response.ok(body, "application/json");
        Integer pageSize = count;
        page.next().ifPresent(next -> answer.header("Link",
                "</v2/" + name + "/tags/list?n=" + pageSize + "&last=" + next + ">; rel=\"next\""));
        return answer.build();
    }

    @HEAD
    @Path("{name: .+}/manifests/{reference}")
    public Response headManifest(@PathParam("name") String name, @PathParam("reference") String reference) {
        return manifestHeaders(Response.ok(), repository.manifest(name, reference)).build();
    }

    @GET
    @Path("{name: .+}/manifests/{reference}")
    public Response manifest(@PathParam("name") String name, @PathParam("reference") String reference) {
        WasmManifest m = repository.manifest(name, reference);
        return manifestHeaders(Response.ok(m.manifest()), m).build();
    }

    @PUT
    @Path("{name: .+}/manifests/{reference}")
    public Response pushManifest(@PathParam("name") String name, @PathParam("reference") String reference,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @Context HttpServletRequest request) throws IOException, InterruptedException {
        OciRegistryPort.Pusher pusher = port.authenticate(authorization);
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_MANIFEST + 1);
        }
        if (body.length > MAX_MANIFEST) {
            throw new OciError(OciError.Code.SIZE_INVALID, 413, "a manifest is at most 4 MiB", null);
        }
        return switch (repository.pushManifest(pusher, name, reference, contentType, body)) {
            case OciRepository.Pushed.Stored s -> Response.status(201)
                    .header(HttpHeaders.LOCATION, "/v2/" + name + "/manifests/" + s.manifest().manifestDigest())
                    .header(DIGEST, s.manifest().manifestDigest().toString())
                    .header(HttpHeaders.CONTENT_LENGTH, 0)
                    .build();
            // The publish is durable in the log but the indexer has not answered in time
            // (PUBLISH_ACK_TIMEOUT); the tag appears once it does.
            case OciRepository.Pushed.Pending p -> Response.status(202)
                    .header(HttpHeaders.LOCATION, "/v2/" + name + "/manifests/" + reference)
                    .header("Wharf-Publish-Status", "/api/v1/publishes/" + p.eventId())
                    .header(HttpHeaders.CONTENT_LENGTH, 0)
                    .build();
        };
    }

    @DELETE
    @Path("{name: .+}/manifests/{reference}")
    public Response deleteManifest() {
        throw new OciError(OciError.Code.UNSUPPORTED, 405, "versions are immutable: nothing is deleted", null);
    }

    @HEAD
    @Path("{name: .+}/blobs/{digest}")
    public Response headBlob(@PathParam("name") String name, @PathParam("digest") String digest) {
        OciRepository.BlobContent blob = repository.blob(name, digest);
        return Response.ok().type(type(blob)).header(HttpHeaders.CONTENT_LENGTH, blob.size())
                .header(DIGEST, Digest.parse(digest).toString()).header("Accept-Ranges", "bytes").build();
    }

    @GET
    @Path("{name: .+}/blobs/{digest}")
    public Response blob(@PathParam("name") String name, @PathParam("digest") String digest,
                         @HeaderParam("Range") String rangeHeader) throws IOException {
        OciRepository.BlobContent blob = repository.blob(name, digest);
        long size = blob.size();
        BlobRange range = BlobRange.of(rangeHeader, size);
        if (!range.satisfiable()) {
            Response refusal = new OciError(OciError.Code.RANGE_INVALID, 416, "range '" + OciNames.printable(rangeHeader)
                    + "' is outside the blob's " + size + " bytes", Map.of("size", size)).response();
            return Response.fromResponse(refusal).header("Content-Range", range.contentRange(size)).build();
        }
        InputStream in = switch (blob) {
            case OciRepository.BlobContent.Layer layer -> {
                InputStream opened = size == 0 ? InputStream.nullInputStream() : repository.open(layer, range.start(), range.length());
                if (range.start() == 0) repository.countDownload(layer);
                yield opened;
            }
            case OciRepository.BlobContent.Bytes bytes ->
                    new ByteArrayInputStream(bytes.bytes(), (int) range.start(), (int) range.length());
            case OciRepository.BlobContent.Uploaded up -> BlobUploads.open(up.blob(), range.start(), range.length());
        };
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder answer = Response.status(range.partial() ? 206 : 200).entity(body).type(type(blob))
                .header(HttpHeaders.CONTENT_LENGTH, range.length())
                .header(DIGEST, Digest.parse(digest).toString())
                .header("Accept-Ranges", "bytes");
        if (range.partial()) answer.header("Content-Range", range.contentRange(size));
        return answer.build();
    }

    @DELETE
    @Path("{name: .+}/blobs/{digest}")
    public Response deleteBlob() {
        throw new OciError(OciError.Code.UNSUPPORTED, 405, "blobs belong to immutable versions: nothing is deleted", null);
    }

    /** Opens an upload, or takes a whole blob at once with {@code ?digest=} (monolithic). */
    @POST
    @Path("{name: .+}/blobs/uploads{slash: /?}")
    public Response startUpload(@PathParam("name") String name, @QueryParam("digest") String digest,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServletRequest request) throws IOException {
        authorizePush(name, authorization);
        UUID id = uploads.open(name);
        if (digest != null) {
            try (InputStream in = request.getInputStream()) {
                return blobCreated(name, uploads.finish(name, id, in, Digest.parse(digest)), Digest.parse(digest));
            } catch (OciError e) {
                cancelQuietly(name, id);
                throw e;
            }
        }
        return uploadAccepted(name, id, 0);
    }

    @PATCH
    @Path("{name: .+}/blobs/uploads/{id}")
    public Response uploadChunk(@PathParam("name") String name, @PathParam("id") String id,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam("Content-Range") String contentRange,
                                @Context HttpServletRequest request) throws IOException {
        authorizePush(name, authorization);
        UUID session = session(name, id);
        try (InputStream in = request.getInputStream()) {
            return uploadAccepted(name, session, uploads.append(name, session, in, contentRange));
        }
    }

    @PUT
    @Path("{name: .+}/blobs/uploads/{id}")
    public Response finishUpload(@PathParam("name") String name, @PathParam("id") String id,
                                 @QueryParam("digest") String digest,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @Context HttpServletRequest request) throws IOException {
        authorizePush(name, authorization);
        UUID session = session(name, id);
        if (digest == null) throw new OciError(OciError.Code.DIGEST_INVALID, "finish an upload with ?digest=sha256:...");
        Digest expected = Digest.parse(digest);
        try (InputStream in = request.getInputStream()) {
            return blobCreated(name, uploads.finish(name, session, in, expected), expected);
        }
    }

    @GET
    @Path("{name: .+}/blobs/uploads/{id}")
    public Response uploadStatus(@PathParam("name") String name, @PathParam("id") String id,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorizePush(name, authorization);
        UUID session = session(name, id);
        return Response.noContent().header(HttpHeaders.LOCATION, uploadLocation(name, session))
                .header("Range", range(uploads.offset(name, session))).header(UPLOAD_UUID, session.toString()).build();
    }

    @DELETE
    @Path("{name: .+}/blobs/uploads/{id}")
    public Response cancelUpload(@PathParam("name") String name, @PathParam("id") String id,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorizePush(name, authorization);
        uploads.cancel(name, session(name, id));
        return Response.noContent().build();
    }

    /** Any other path under /v2 (HEAD too: JAX-RS answers HEAD with GET): the spec's error shape. */
    @GET
    @Path("{any: .*}")
    public Response unknownRead(@PathParam("any") String any) {
        throw new OciError(OciError.Code.NAME_UNKNOWN, "no such OCI endpoint or repository: /v2/" + OciNames.printable(any));
    }

    private void authorizePush(String name, String authorization) {
        OciRegistryPort.Pusher pusher = port.authenticate(authorization);
        port.authorize(pusher, repository.names().packageToPush(name));
    }

    private Response blobCreated(String name, BlobUploads.Blob blob, Digest digest) {
        return Response.status(201).header(HttpHeaders.LOCATION, "/v2/" + name + "/blobs/" + digest)
                .header(DIGEST, digest.toString()).header(HttpHeaders.CONTENT_LENGTH, 0).build();
    }

    private Response uploadAccepted(String name, UUID id, long size) {
        return Response.status(202).header(HttpHeaders.LOCATION, uploadLocation(name, id))
                .header("Range", range(size)).header(UPLOAD_UUID, id.toString())
                .header(HttpHeaders.CONTENT_LENGTH, 0).build();
    }

    private void cancelQuietly(String name, UUID id) {
        try {
            uploads.cancel(name, id);
        } catch (OciError alreadyGone) {
            // finish() removes the session on a digest mismatch.
        }
    }

    /** distribution's convention: {@code 0-0} before the first byte, then {@code 0-<last byte>}. */
    private static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }

    private static String uploadLocation(String name, UUID id) {
        return "/v2/" + name + "/blobs/uploads/" + id;
    }

    private static UUID session(String name, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new OciError(OciError.Code.BLOB_UPLOAD_UNKNOWN, "no upload " + OciNames.printable(id) + " in " + name);
        }
    }

    private static String type(OciRepository.BlobContent blob) {
        return blob instanceof OciRepository.BlobContent.Layer ? WasmManifest.LAYER_TYPE : OCTETS;
    }

    private static Response.ResponseBuilder manifestHeaders(Response.ResponseBuilder answer, WasmManifest m) {
        return answer.type(WasmManifest.MANIFEST_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, m.manifest().length)
                .header(DIGEST, m.manifestDigest().toString())
                .header(HttpHeaders.ETAG, "\"" + m.manifestDigest() + "\"");
    }
}
