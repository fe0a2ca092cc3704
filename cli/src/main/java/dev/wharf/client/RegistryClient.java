package dev.wharf.client;

import dev.wharf.wire.TokenInfo;

import dev.wharf.wire.IssuedToken;

import dev.wharf.wire.AuditTrailPage;

import dev.wharf.wire.VersionList;

import dev.wharf.wire.SearchResults;

import dev.wharf.wire.PackageMeta;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The registry's HTTP API, as the Run 2.0 client uses it, with typed answers and one error type.
 *
 * <p>Reads go to the main URL, then to each mirror in order; each URL gets up to
 * {@link Endpoints#attempts()} tries with doubling backoff on connection errors and 5xx. A 4xx
 * is an answer, not an outage: it is never retried and never sent on to a mirror. Publishes go to
 * the main URL only. Downloads stream to disk and are checked against the registry's SHA-256.
 *
 * <p>No request can hang: connecting may take {@link Endpoints#connectTimeout()}, and a request
 * that moves no byte in either direction for {@link Endpoints#readTimeout()} is abandoned (an idle
 * timeout, so a large upload or download on a slow link is fine while bytes flow). A URL that
 * timed out is not tried again in the same call: a stalled server seldom recovers in 200 ms, and
 * three more waits would triple the hang; the next mirror is tried instead.
 *
 * <p>Changes (publish, yank, deprecate, tokens) go to the main URL only and are retried only when
 * the connection was refused, i.e. when nothing can have reached the registry.
 */
public final class RegistryClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Endpoints endpoints;
    private final String token;
    private final HttpClient http;
    private final String userAgent;

    public RegistryClient(Endpoints endpoints, String token) {
        this.endpoints = endpoints;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoints.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = "wharf/" + version();
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The versions of {@code name} offered for new resolution (the registry leaves yanked ones out), in its order. */
    public List<String> versions(String name) {
        return versionList(name, false).versions();
    }

    /**
     * The versions of {@code name}; with {@code includeYanked}, all of them and the yanked subset
     * ({@code ?include_yanked=true}, issue 10).
     */
    public VersionList versionList(String name, boolean includeYanked) {
        JsonNode body = getJson("/api/v1/packages/" + segment(name) + "/versions" + (includeYanked ? "?include_yanked=true" : ""),
                "package " + name + " is not in the registry");
        JsonNode list = body.get("versions");
        if (list == null || !list.isArray()) throw protocol("the versions of " + name);
        JsonNode yanked = body.get("yanked");
        if (yanked != null && !yanked.isNull() && !yanked.isArray()) throw protocol("the versions of " + name);
        return convert(body, VersionList.class, "the versions of " + name);
    }

    public PackageMeta meta(String name, String version) {
        JsonNode body = getJson("/api/v1/packages/" + segment(name) + "/" + segment(version),
                "version " + version + " of " + name + " is not in the registry");
        return convert(body, PackageMeta.class, "the metadata of " + name + "@" + version);
    }

    public SearchResults search(String query, int limit, int offset) {
        String path = "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&limit=" + limit + "&offset=" + offset;
        return convert(getJson(path, "the registry has no search endpoint"), SearchResults.class, "the search answer");
    }

    /**
     * Downloads {@code meta}'s artifact into {@code target} (created or replaced), hashing it as
     * it streams; when the SHA-256 differs from {@code meta.sha256()} the file is deleted and an
     * {@link RegistryError.Kind#INTEGRITY} error is thrown.
     */
    public void download(PackageMeta meta, Path target, TransferProgress progress) {
        String coordinates = meta.name() + "@" + meta.version();
        String lastFailure = "no URL to download from";
        List<URI> urls = downloadUrls(meta);
        for (int u = 0; u < urls.size(); u++) {
            URI url = urls.get(u);
            for (int attempt = 0; attempt < endpoints.attempts(); attempt++) {
                Download body = new Download(target, "download " + coordinates, meta.size(), progress);
                try {
                    HttpResponse<byte[]> response = send(request(url).GET().build(), body, new Activity());
                    int status = response.statusCode();
                    if (status == 200) {
                        String actual = body.hex();
                        if (!actual.equals(meta.sha256())) {
                            Files.deleteIfExists(target);
                            throw new RegistryError(RegistryError.Kind.INTEGRITY, 0, "the download of " + coordinates
                                    + " does not match the registry's checksum (expected sha256 " + meta.sha256()
                                    + ", got " + actual + "); nothing was installed");
                        }
                        return;
                    }
                    String message = errorMessage(response.body());
                    if (status >= 400 && status < 500) throw clientError(status, message, "download of " + coordinates);
                    lastFailure = url.getHost() + ":" + port(url) + " answered " + status;
                } catch (IOException e) {
                    deleteQuietly(target);
                    lastFailure = describe(url, e);
                    if (e instanceof HttpTimeoutException) break;
                } catch (InterruptedException e) {
                    deleteQuietly(target);
                    Thread.currentThread().interrupt();
                    throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while downloading " + coordinates, e);
                } finally {
                    progress.finished();
                }
                pause(attempt, u == urls.size() - 1 && attempt == endpoints.attempts() - 1);
            }
        }
        throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0,
                "could not download " + coordinates + " (" + lastFailure + ")");
    }

    /** Publishes one component. Needs a token; retries only what cannot have half-happened. */
    public Published publish(PublishRequest request, TransferProgress progress) {
        if (token == null) {
            throw new RegistryError(RegistryError.Kind.UNAUTHORIZED, 0,
                    "publishing needs a token: pass --token, set RUN_AUTH_TOKEN, or set [registry].auth_token in run.toml");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", request.name());
        fields.put("version", request.version());
        fields.put("description", request.description() == null ? "" : request.description());
        fields.put("sha256", request.sha256());
        if (request.license() != null) fields.put("license", request.license());
        if (request.repository() != null) fields.put("repository", request.repository());
        if (!request.dependencies().isEmpty()) fields.put("dependencies", write(request.dependencies()));
        String coordinates = request.name() + "@" + request.version();
        URI url = URI.create(endpoints.main() + "/api/v1/packages");
        boolean mayHaveLanded = false;
        String lastFailure = "";
        for (int attempt = 0; attempt < endpoints.attempts(); attempt++) {
            try {
                Activity activity = new Activity();
                MultipartBody body = new MultipartBody(fields, "component", request.name() + ".wasm", request.file(), progress, activity::touch);
                progress.started("upload " + coordinates, body.length());
                HttpResponse<byte[]> response = send(request(url)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", body.contentType())
                                .POST(body.publisher())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray(), activity);
                progress.finished();
                int status = response.statusCode();
                if (status == 201) return new Published(request.name(), request.version(), false, null);
                if (status == 202) {
                    JsonNode answer = readTree(response.body());
                    String statusUrl = answer == null || answer.get("status_url") == null ? null : answer.get("status_url").asText();
                    return new Published(request.name(), request.version(), true,
                            statusUrl == null ? null : endpoints.main() + statusUrl);
                }
                String message = errorMessage(response.body());
                if (status == 409 && mayHaveLanded && sameBytesPublished(request)) {
                    // An earlier attempt was applied although its answer was lost.
                    return new Published(request.name(), request.version(), false, null);
                }
                if (status >= 400 && status < 500) throw publishError(status, message, coordinates);
                lastFailure = "the registry answered " + status + (message.isEmpty() ? "" : ": " + message);
                mayHaveLanded = true;
            } catch (IOException e) {
                progress.finished();
                lastFailure = describe(url, e);
                mayHaveLanded |= !(e instanceof ConnectException);
                if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
                    throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0, "could not publish " + coordinates + " to "
                            + endpoints.main() + " (" + lastFailure + "); it may still be applied: check with `wharf info "
                            + request.name() + "@" + request.version() + "`");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while publishing " + coordinates, e);
            }
            pause(attempt, attempt == endpoints.attempts() - 1);
        }
        throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0,
                "could not publish " + coordinates + " to " + endpoints.main() + " (" + lastFailure + ")");
    }

    // ---- Governance (issue 10): yank, deprecation, tokens, the audit trail ----

    /** {@code POST /api/v1/packages/{name}/{version}/yank}: the version's metadata, now yanked. */
    public PackageMeta yank(String name, String version, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        JsonNode answer = call("POST", "/api/v1/packages/" + segment(name) + "/" + segment(version) + "/yank", body,
                "yank " + name + "@" + version, "version " + version + " of " + name + " is not in the registry");
        return convert(answer, PackageMeta.class, "the metadata of " + name + "@" + version);
    }

    /** {@code DELETE /api/v1/packages/{name}/{version}/yank}: offered for resolution again. */
    public PackageMeta unyank(String name, String version) {
        JsonNode answer = call("DELETE", "/api/v1/packages/" + segment(name) + "/" + segment(version) + "/yank", null,
                "un-yank " + name + "@" + version, "version " + version + " of " + name + " is not in the registry");
        return convert(answer, PackageMeta.class, "the metadata of " + name + "@" + version);
    }

    /** {@code POST /api/v1/packages/{name}/deprecate}; the registry's answer, or null when it sent none. */
    public JsonNode deprecate(String name, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return call("POST", "/api/v1/packages/" + segment(name) + "/deprecate", body, "deprecate " + name,
                "package " + name + " is not in the registry");
    }

    /** {@code DELETE /api/v1/packages/{name}/deprecate}. */
    public JsonNode undeprecate(String name) {
        return call("DELETE", "/api/v1/packages/" + segment(name) + "/deprecate", null, "undo the deprecation of " + name,
                "package " + name + " is not in the registry");
    }

    /** {@code POST /api/v1/admin/tokens}: the new token, with its secret (shown this once). */
    public IssuedToken createToken(String name, List<String> namespaces, List<String> scopes, Integer expiresInDays) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("namespaces", namespaces);
        body.put("scopes", scopes);
        if (expiresInDays != null) body.put("expires_in_days", expiresInDays);
        return convert(call("POST", "/api/v1/admin/tokens", body, "create a token", "the registry has no token API"),
                IssuedToken.class, "the new token");
    }

    /** {@code GET /api/v1/admin/tokens}: every token, without secrets. */
    public List<TokenInfo> tokens() {
        JsonNode answer = call("GET", "/api/v1/admin/tokens", null, "list tokens", "the registry has no token API");
        JsonNode list = answer == null ? null : answer.get("tokens");
        if (list == null || !list.isArray()) throw protocol("the list of tokens");
        List<TokenInfo> out = new ArrayList<>();
        for (JsonNode t : list) out.add(convert(t, TokenInfo.class, "the list of tokens"));
        return out;
    }

    /** {@code DELETE /api/v1/admin/tokens/{id}} (with the reason as JSON when there is one). */
    public void revokeToken(String id, String reason) {
        Map<String, Object> body = null;
        if (reason != null) {
            body = new LinkedHashMap<>();
            body.put("reason", reason);
        }
        call("DELETE", "/api/v1/admin/tokens/" + segment(id), body, "revoke token " + id, "there is no token " + id);
    }

    /** {@code GET /api/v1/admin/audit}: one page of the audit trail, in log order. */
    public AuditTrailPage audit(String after, int limit, String pkg, String actor) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        if (after != null) query.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        if (pkg != null) query.append("&package=").append(URLEncoder.encode(pkg, StandardCharsets.UTF_8));
        if (actor != null) query.append("&actor=").append(URLEncoder.encode(actor, StandardCharsets.UTF_8));
        return convert(call("GET", "/api/v1/admin/audit" + query, null, "read the audit trail", "the registry has no audit API"),
                AuditTrailPage.class, "the audit trail");
    }

    /**
     * One authorised call to the main URL with an optional JSON body. A GET is retried like any
     * read; a change only when the connection was refused (nothing reached the registry), because
     * a change whose answer was lost may have happened.
     */
    private JsonNode call(String method, String pathAndQuery, Object json, String what, String notFound) {
        if (token == null) {
            throw new RegistryError(RegistryError.Kind.UNAUTHORIZED, 0,
                    "to " + what + " wharf needs a token: pass --token, set RUN_AUTH_TOKEN, or set [registry].auth_token in run.toml");
        }
        boolean read = method.equals("GET");
        URI url = URI.create(endpoints.main() + pathAndQuery);
        String lastFailure = "";
        boolean mayHaveHappened = false;
        for (int attempt = 0; attempt < endpoints.attempts(); attempt++) {
            try {
                HttpRequest.Builder builder = request(url).header("Authorization", "Bearer " + token).header("Accept", "application/json");
                if (json != null) {
                    builder.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(write(json)));
                } else {
                    builder.method(method, HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<byte[]> response = send(builder.build(), HttpResponse.BodyHandlers.ofByteArray(), new Activity());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body() == null || response.body().length == 0 ? null : readTree(response.body());
                }
                String message = errorMessage(response.body());
                if (status == 401) {
                    throw new RegistryError(RegistryError.Kind.UNAUTHORIZED, status, "the registry does not accept this token ("
                            + (message.isEmpty() ? "unauthorized" : message) + "); check --token, RUN_AUTH_TOKEN or [registry].auth_token");
                }
                if (status == 403) throw new RegistryError(RegistryError.Kind.FORBIDDEN, status, "this token may not " + what + suffix(message));
                if (status == 404) throw new RegistryError(RegistryError.Kind.NOT_FOUND, status, notFound + suffix(message));
                if (status == 409) throw new RegistryError(RegistryError.Kind.CONFLICT, status, "the registry refused to " + what + suffix(message));
                if (status >= 400 && status < 500) {
                    throw new RegistryError(RegistryError.Kind.REFUSED, status, "the registry refused to " + what
                            + " (HTTP " + status + ")" + suffix(message));
                }
                lastFailure = endpoints.main() + " answered " + status + (message.isEmpty() ? "" : " (" + message + ")");
                mayHaveHappened = !read;
                if (!read) break;
            } catch (IOException e) {
                lastFailure = describe(url, e);
                mayHaveHappened = !read && !(e instanceof ConnectException);
                if (e instanceof HttpTimeoutException || mayHaveHappened) break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while waiting for the registry", e);
            }
            pause(attempt, attempt == endpoints.attempts() - 1);
        }
        throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0, "could not " + what + " at " + endpoints.main() + " ("
                + lastFailure + ")" + (mayHaveHappened ? "; it may or may not have happened: check before repeating it" : ""));
    }

    private boolean sameBytesPublished(PublishRequest request) {
        try {
            return request.sha256().equals(meta(request.name(), request.version()).sha256());
        } catch (RegistryError e) {
            return false;
        }
    }

    private JsonNode getJson(String pathAndQuery, String notFound) {
        String lastFailure = "";
        boolean timedOut = false;
        List<URI> bases = endpoints.inOrder();
        for (int b = 0; b < bases.size(); b++) {
            URI url = URI.create(bases.get(b) + pathAndQuery);
            for (int attempt = 0; attempt < endpoints.attempts(); attempt++) {
                try {
                    HttpResponse<byte[]> response = send(request(url).header("Accept", "application/json").GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray(), new Activity());
                    int status = response.statusCode();
                    if (status == 200) {
                        JsonNode tree = readTree(response.body());
                        if (tree == null) throw protocol("the answer of " + url);
                        return tree;
                    }
                    if (status == 404) throw new RegistryError(RegistryError.Kind.NOT_FOUND, 404, notFound);
                    String message = errorMessage(response.body());
                    if (status >= 400 && status < 500) throw clientError(status, message, "request");
                    lastFailure = bases.get(b) + " answered " + status + (message.isEmpty() ? "" : " (" + message + ")");
                } catch (IOException e) {
                    lastFailure = describe(url, e);
                    if (e instanceof HttpTimeoutException) {
                        timedOut = true;
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while waiting for the registry", e);
                }
                pause(attempt, b == bases.size() - 1 && attempt == endpoints.attempts() - 1);
            }
        }
        String where = endpoints.mirrors().isEmpty() ? "the registry at " + endpoints.main()
                : "the registry at " + endpoints.main() + " and its " + endpoints.mirrors().size()
                        + (endpoints.mirrors().size() == 1 ? " mirror" : " mirrors");
        throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0,
                where + " cannot be reached" + (timedOut ? "" : " after " + endpoints.attempts() + " tries each") + " (" + lastFailure + ")");
    }

    /** Run's rule: a download URL on localhost is rewritten onto the configured URL; then the mirrors. */
    private List<URI> downloadUrls(PackageMeta meta) {
        Set<URI> urls = new LinkedHashSet<>();
        String raw = meta.downloadUrl();
        if (raw != null && !raw.isBlank()) {
            String rewritten = raw;
            int path = raw.indexOf("/packages/");
            if ((raw.startsWith("http://localhost") || raw.startsWith("http://127.0.0.1")) && path >= 0) {
                rewritten = endpoints.main() + raw.substring(path);
            }
            try {
                urls.add(URI.create(rewritten));
            } catch (IllegalArgumentException e) {
                // an unusable download_url: fall back to the conventional path below
            }
        }
        for (URI base : endpoints.inOrder()) {
            urls.add(URI.create(base + "/packages/" + segment(meta.name()) + "/" + segment(meta.version()) + "/artifact.wasm"));
        }
        return new ArrayList<>(urls);
    }

    /** When a byte last moved on one exchange, either way: what the idle (read) timeout measures. */
    static final class Activity {
        private volatile long last = System.nanoTime();

        void touch() {
            last = System.nanoTime();
        }

        long idleNanos() {
            return System.nanoTime() - last;
        }
    }

    /**
     * Sends {@code request} and waits for the whole answer, abandoning it when no byte has moved
     * for {@link Endpoints#readTimeout()}. The JDK's own request timeout covers only the wait for
     * the response headers, from the start, so it would both cut a long upload short and let a
     * body that stalls halfway hang forever; this watches the bytes instead.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Activity activity)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> answer = http.sendAsync(request, info -> {
            activity.touch();
            return new Touching<>(handler.apply(info), activity);
        });
        long limit = endpoints.readTimeout().toNanos();
        while (true) {
            long wait = limit - activity.idleNanos();
            if (wait <= 0) {
                answer.cancel(true);
                throw new HttpTimeoutException("sent nothing for " + seconds(endpoints.readTimeout()));
            }
            try {
                return answer.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not idle for long enough yet if bytes moved meanwhile: look again
            } catch (InterruptedException e) {
                answer.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
                if (cause instanceof IOException io) throw io;
                if (cause instanceof RuntimeException re) throw re;
                throw new IOException(cause);
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Passes a response body through unchanged, noting each buffer's arrival for the idle timeout. */
    private record Touching<T>(HttpResponse.BodySubscriber<T> inner, Activity activity) implements HttpResponse.BodySubscriber<T> {
        @Override public CompletionStage<T> getBody() { return inner.getBody(); }
        @Override public void onSubscribe(Flow.Subscription subscription) { inner.onSubscribe(subscription); }
        @Override public void onNext(List<ByteBuffer> item) {
            activity.touch();
            inner.onNext(item);
        }
        @Override public void onError(Throwable throwable) { inner.onError(throwable); }
        @Override public void onComplete() { inner.onComplete(); }
    }

    /**
     * A download's body: a 200 streams to {@code target} while it is hashed and counted for the
     * progress bar; any other status is kept in memory for its error message.
     */
    private static final class Download implements HttpResponse.BodyHandler<byte[]> {
        private final Path target;
        private final String label;
        private final long size;
        private final TransferProgress progress;
        private final MessageDigest sha = RegistryClient.sha256();

        Download(Path target, String label, long size, TransferProgress progress) {
            this.target = target;
            this.label = label;
            this.size = size;
            this.progress = progress;
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) return HttpResponse.BodySubscribers.ofByteArray();
            progress.started(label, info.headers().firstValueAsLong("Content-Length").orElse(size));
            HttpResponse.BodySubscriber<Path> file = HttpResponse.BodySubscribers.ofFile(target,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new HttpResponse.BodySubscriber<>() {
                @Override public CompletionStage<byte[]> getBody() { return file.getBody().thenApply(p -> new byte[0]); }
                @Override public void onSubscribe(Flow.Subscription subscription) { file.onSubscribe(subscription); }
                @Override public void onNext(List<ByteBuffer> buffers) {
                    for (ByteBuffer b : buffers) {
                        progress.advanced(b.remaining());
                        sha.update(b.duplicate());
                    }
                    file.onNext(buffers);
                }
                @Override public void onError(Throwable throwable) { file.onError(throwable); }
                @Override public void onComplete() { file.onComplete(); }
            };
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is removed by the installer's cleanup
        }
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).header("User-Agent", userAgent);
    }

    private void pause(int attempt, boolean last) {
        if (last) return;
        long millis = endpoints.backoff().toMillis() << Math.min(attempt, 10);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }

    private RegistryError clientError(int status, String message, String what) {
        return switch (status) {
            case 401 -> new RegistryError(RegistryError.Kind.UNAUTHORIZED, status, "the registry refused the " + what
                    + " without a valid token" + suffix(message));
            case 403 -> new RegistryError(RegistryError.Kind.FORBIDDEN, status, "the registry forbids this " + what + suffix(message));
            case 404 -> new RegistryError(RegistryError.Kind.NOT_FOUND, status, "not found" + suffix(message));
            default -> new RegistryError(RegistryError.Kind.REFUSED, status, "the registry refused the " + what
                    + " (HTTP " + status + ")" + suffix(message));
        };
    }

    private RegistryError publishError(int status, String message, String coordinates) {
        return switch (status) {
            case 401 -> new RegistryError(RegistryError.Kind.UNAUTHORIZED, status,
                    "the registry does not accept this token (" + (message.isEmpty() ? "unauthorized" : message)
                            + "); check --token, RUN_AUTH_TOKEN or [registry].auth_token");
            case 403 -> new RegistryError(RegistryError.Kind.FORBIDDEN, status,
                    "this token may not publish " + coordinates + suffix(message));
            case 409 -> new RegistryError(RegistryError.Kind.CONFLICT, status,
                    coordinates + " is already published; raise [project].version in run.toml to publish again");
            case 413 -> new RegistryError(RegistryError.Kind.TOO_LARGE, status,
                    "the registry refuses " + coordinates + " as too large" + suffix(message));
            default -> new RegistryError(RegistryError.Kind.REFUSED, status,
                    "the registry refused " + coordinates + suffix(message));
        };
    }

    private static String suffix(String message) {
        return message.isEmpty() ? "" : ": " + message;
    }

    /** The {@code message} of a registry error body, or its text when it is not JSON. */
    private static String errorMessage(Object body) {
        byte[] bytes;
        try {
            bytes = body instanceof InputStream in ? in.readNBytes(4096) : (byte[]) body;
        } catch (IOException e) {
            return "";
        }
        if (bytes == null || bytes.length == 0) return "";
        JsonNode tree = readTree(bytes);
        if (tree != null && tree.hasNonNull("message")) return tree.get("message").asText();
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        return text.length() > 200 || text.startsWith("<") ? "" : text;
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type, String what) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw protocol(what);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a list of records always serialises", e);
        }
    }

    private static RegistryError protocol(String what) {
        return new RegistryError(RegistryError.Kind.PROTOCOL, 0, "the registry sent an unreadable answer for " + what
                + "; is the URL a Wharf or Run registry?");
    }

    static String describe(URI url, IOException e) {
        String where = url.getHost() + ":" + port(url);
        if (e instanceof ConnectException) return "connection refused by " + where;
        if (e instanceof HttpConnectTimeoutException) return "connecting to " + where + " timed out";
        if (e instanceof HttpTimeoutException) return where + " " + e.getMessage();
        if (e.getCause() instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        String m = e.getMessage();
        return "connection to " + where + " failed" + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String version() {
        String v = RegistryClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        // shutdownNow, not close: close() waits for exchanges a stalled server never finishes.
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
