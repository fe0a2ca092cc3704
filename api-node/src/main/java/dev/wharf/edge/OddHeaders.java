package dev.wharf.edge;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Headers Jersey cannot parse are dropped before it routes the request. An {@code Accept: ,,,}
 * otherwise ends in a 400 with no body at all (README promises JSON errors everywhere), and a
 * malformed Content-Type on a GET fails a request that has no body. RFC 9110 §12.5.1 lets a
 * server treat an unusable Accept as absent; the publish route reads its Content-Type raw and
 * refuses a bad one itself (FormContentType).
 */
@PreMatching
public final class OddHeaders implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException unparsable) {
            request.getHeaders().remove(HttpHeaders.ACCEPT);
        }
        try {
            request.getAcceptableLanguages();
        } catch (RuntimeException unparsable) {
            request.getHeaders().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
        try {
            MediaType ignored = request.getMediaType();
        } catch (RuntimeException unparsable) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }
}
