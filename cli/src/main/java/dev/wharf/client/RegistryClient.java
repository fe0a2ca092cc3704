package dev.wharf.client;

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

/**
 * The registry's HTTP API, as the Run 2.0 client uses it, with typed answers and one error type.
 *
 * <p>Reads go to the main URL, then to each mirror in order; each URL gets up to
 * {@link Endpoints#attempts()} tries with doubling backoff on connection errors and 5xx. A 4xx
 * is an answer, not an outage: it is never retried and never sent on to a mirror. Publishes go to
 * the main URL only. Downloads stream to disk and are checked against the registry's SHA-256.
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
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = "wharf/" + version();
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Every published version of {@code name}, in the registry's (semver ascending) order. */
    public List<String> versions(String name) {
        JsonNode body = getJson("/api/v1/packages/" + segment(name) + "/versions", "package " + name + " is not in the registry");
        List<String> out = new ArrayList<>();
        JsonNode list = body.get("versions");
        if (list == null || !list.isArray()) throw protocol("the versions of " + name);
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    public PackageMeta meta(String name, String version) {
        JsonNode body = getJson("/api/v1/packages/" + segment(name) + "/" + segment(version),
                "version " + version + " of " + name + " is not in the registry");
        return convert(body, PackageMeta.class, "the metadata of " + name + "@" + version);
    }

    public SearchPage search(String query, int limit, int offset) {
        String path = "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&limit=" + limit + "&offset=" + offset;
        return convert(getJson(path, "the registry has no search endpoint"), SearchPage.class, "the search answer");
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
                try {
                    HttpResponse<InputStream> response = http.send(request(url).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    int status = response.statusCode();
                    if (status == 200) {
                        String actual = streamTo(response, target, "download " + coordinates, meta.size(), progress);
                        if (!actual.equals(meta.sha256())) {
                            Files.deleteIfExists(target);
                            throw new RegistryError(RegistryError.Kind.INTEGRITY, 0, "the download of " + coordinates
                                    + " does not match the registry's checksum (expected sha256 " + meta.sha256()
                                    + ", got " + actual + "); nothing was installed");
                        }
                        return;
                    }
                    String message;
                    try (InputStream body = response.body()) {
                        message = errorMessage(body);
                    }
                    if (status >= 400 && status < 500) throw clientError(status, message, "download of " + coordinates);
                    lastFailure = url.getHost() + ":" + port(url) + " answered " + status;
                } catch (IOException e) {
                    lastFailure = describe(url, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while downloading " + coordinates, e);
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
                MultipartBody body = new MultipartBody(fields, "component", request.name() + ".wasm", request.file(), progress);
                progress.started("upload " + coordinates, body.length());
                HttpResponse<byte[]> response = http.send(request(url)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", body.contentType())
                                .POST(body.publisher())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryError(RegistryError.Kind.UNAVAILABLE, "interrupted while publishing " + coordinates, e);
            }
            pause(attempt, attempt == endpoints.attempts() - 1);
        }
        throw new RegistryError(RegistryError.Kind.UNAVAILABLE, 0,
                "could not publish " + coordinates + " to " + endpoints.main() + " (" + lastFailure + ")");
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
        List<URI> bases = endpoints.inOrder();
        for (int b = 0; b < bases.size(); b++) {
            URI url = URI.create(bases.get(b) + pathAndQuery);
            for (int attempt = 0; attempt < endpoints.attempts(); attempt++) {
                try {
                    HttpResponse<byte[]> response = http.send(request(url).timeout(endpoints.timeout())
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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
                where + " cannot be reached after " + endpoints.attempts() + " tries each (" + lastFailure + ")");
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

    private static String streamTo(HttpResponse<InputStream> response, Path target, String label, long size,
            TransferProgress progress) throws IOException {
        MessageDigest sha = sha256();
        long total = response.headers().firstValueAsLong("Content-Length").orElse(size);
        progress.started(label, total);
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
                progress.advanced(n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        } finally {
            progress.finished();
        }
        return HexFormat.of().formatHex(sha.digest());
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
        if (e instanceof HttpTimeoutException) return where + " did not answer in time";
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
        http.close();
    }

}
