package dev.wharf.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The governance API (issue 10) as a client calls it: tokens, yank, deprecation, audit. */
public final class GovernanceCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunProtocol run;
    private final java.net.URI base;

    public GovernanceCalls(java.net.URI base) {
        this.base = base;
        this.run = new RunProtocol(base);
    }

    public RunProtocol.Answer issueToken(String adminToken, String name, List<String> namespaces, List<String> scopes,
                                         Integer expiresInDays) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("namespaces", namespaces);
        body.put("scopes", scopes);
        if (expiresInDays != null) body.put("expires_in_days", expiresInDays);
        return run.post("/api/v1/admin/tokens", adminToken, "application/json", JSON.writeValueAsBytes(body));
    }

    public RunProtocol.Answer tokens(String adminToken) throws IOException, InterruptedException {
        return run.get("/api/v1/admin/tokens", Map.of("Authorization", "Bearer " + adminToken));
    }

    public RunProtocol.Answer revoke(String adminToken, String id) throws IOException, InterruptedException {
        return send("DELETE", "/api/v1/admin/tokens/" + id + "?reason=leaked%20in%20a%20test", adminToken, null);
    }

    public RunProtocol.Answer yank(String token, String name, String version, String reason) throws IOException, InterruptedException {
        return send("POST", "/api/v1/packages/" + RunProtocol.encode(name) + "/" + version + "/yank", token,
                JSON.writeValueAsBytes(Map.of("reason", reason)));
    }

    public RunProtocol.Answer unyank(String token, String name, String version) throws IOException, InterruptedException {
        return send("DELETE", "/api/v1/packages/" + RunProtocol.encode(name) + "/" + version + "/yank", token, null);
    }

    public RunProtocol.Answer deprecate(String token, String name, String message) throws IOException, InterruptedException {
        return send("POST", "/api/v1/packages/" + RunProtocol.encode(name) + "/deprecate", token,
                JSON.writeValueAsBytes(Map.of("message", message)));
    }

    public RunProtocol.Answer undeprecate(String token, String name) throws IOException, InterruptedException {
        return send("DELETE", "/api/v1/packages/" + RunProtocol.encode(name) + "/deprecate", token, null);
    }

    public RunProtocol.Answer audit(String adminToken, String query) throws IOException, InterruptedException {
        return run.get("/api/v1/admin/audit" + (query == null ? "" : "?" + query), Map.of("Authorization", "Bearer " + adminToken));
    }

    private RunProtocol.Answer send(String method, String path, String token, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return run.send(request.build());
    }
}
