package dev.wharf.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on loopback that answers each path with the next scripted reply (the last
 * one repeats) and records what it received: for testing the client's own behaviour (retries,
 * mirrors, integrity checks), not a stand-in for the registry's rules.
 *
 * <p>A script key is a path, optionally with its query ({@code /x/versions?include_yanked=true})
 * and optionally after a method ({@code DELETE /x/1.0.0/yank}); the most specific key that
 * matches a request answers it.
 */
public final class ScriptedRegistry implements AutoCloseable {

    public record Reply(int status, byte[] body) {}

    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (var h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) return h.getValue().getFirst();
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, List<Reply>> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final List<Request> requests = new ArrayList<>();

    public ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public ScriptedRegistry on(String path, int status, String body) {
        return on(path, status, body.getBytes(StandardCharsets.UTF_8));
    }

    public ScriptedRegistry on(String path, int status, byte[] body) {
        replies.computeIfAbsent(path, p -> new ArrayList<>()).add(new Reply(status, body));
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        synchronized (requests) {
            requests.add(new Request(method, path, query, Map.copyOf(exchange.getRequestHeaders()), body));
        }
        String withQuery = query == null ? path : path + "?" + query;
        String key = null;
        for (String candidate : List.of(method + " " + withQuery, method + " " + path, withQuery, path)) {
            if (replies.containsKey(candidate)) {
                key = candidate;
                break;
            }
        }
        hits.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
        int n = key == null ? 0 : hits.computeIfAbsent("\0" + key, p -> new AtomicInteger()).getAndIncrement();
        List<Reply> script = key == null ? null : replies.get(key);
        Reply reply = script == null
                ? new Reply(404, "{\"error\":\"not_found\",\"message\":\"no such path\"}".getBytes(StandardCharsets.UTF_8))
                : script.get(Math.min(n, script.size() - 1));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) exchange.getResponseBody().write(reply.body());
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
