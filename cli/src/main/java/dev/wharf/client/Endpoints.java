package dev.wharf.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how patiently to reach the registry: the main URL, read mirrors tried in order when
 * it fails, how many attempts per URL, the first backoff delay (doubled on each retry, as Run
 * does: 100, 200, 400 ms), how long a request may go without a byte moving either way
 * ({@code readTimeout}; 30 s, Run's timeout) and how long opening a connection may take
 * ({@code connectTimeout}, 10 s).
 */
public record Endpoints(URI main, List<URI> mirrors, int attempts, Duration backoff, Duration readTimeout, Duration connectTimeout) {

    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public Endpoints {
        mirrors = List.copyOf(mirrors);
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        if (readTimeout.isNegative() || readTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public Endpoints(URI main, List<URI> mirrors, int attempts, Duration backoff, Duration readTimeout) {
        this(main, mirrors, attempts, backoff, readTimeout, DEFAULT_CONNECT_TIMEOUT);
    }

    public static Endpoints of(String main, List<String> mirrors) {
        List<URI> m = new ArrayList<>();
        for (String mirror : mirrors) m.add(parse(mirror, "mirror"));
        return new Endpoints(parse(main, "registry URL"), m, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    public Endpoints withBackoff(Duration backoff) {
        return new Endpoints(main, mirrors, attempts, backoff, readTimeout, connectTimeout);
    }

    public Endpoints withTimeouts(Duration read, Duration connect) {
        return new Endpoints(main, mirrors, attempts, backoff, read, connect);
    }

    /** The main URL first, then each mirror. */
    public List<URI> inOrder() {
        List<URI> all = new ArrayList<>();
        all.add(main);
        all.addAll(mirrors);
        return all;
    }

    static URI parse(String url, String what) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        try {
            URI uri = new URI(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (Exception e) {
            throw new RegistryError(RegistryError.Kind.REFUSED, 0,
                    "the " + what + " '" + url + "' is not an http(s) URL like http://localhost:8080");
        }
    }
}
