package dev.wharf.oci;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * wasm-pkg-tools' registry discovery: {@code wkg} asks {@code /.well-known/wasm-pkg/registry.json}
 * which protocol and OCI registry serve a namespace, and is told this node's own host (from
 * {@code REGISTRY_URL}) and {@code OCI_NAMESPACE_PREFIX}.
 */
@Path("/.well-known/wasm-pkg/registry.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OciDiscoveryResource {

    private final Map<String, Object> body;

    public OciDiscoveryResource(String registryUrl, OciNames names) {
        URI url = URI.create(registryUrl);
        String host = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        Map<String, Object> oci = new LinkedHashMap<>();
        oci.put("registry", host);
        oci.put("namespacePrefix", names.prefix());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("preferredProtocol", "oci");
        answer.put("oci", oci);
        this.body = answer;
    }

    @GET
    public Map<String, Object> registry() {
        return body;
    }
}
