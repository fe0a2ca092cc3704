package dev.wharf.edge;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Headers that describe nothing are hidden before Jersey builds its request: several
 * Content-Types on a request with no body (GET, HEAD, OPTIONS, DELETE), and an Accept of only
 * commas. Jersey refuses to build a request from them and answers a bare 400 that no mapper or
 * filter sees (fuzz finding #4358), while README promises a JSON error for everything; neither
 * header can change the answer to a request without a body (RFC 9110 §8.3, §12.5.1).
 */
public final class BodilessHeaders implements Filter {

    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "DELETE");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean dropContentType = BODILESS.contains(http.getMethod()) && count(http.getHeaders("Content-Type")) > 1;
        boolean dropAccept = emptyAccept(http.getHeaders("Accept"));
        if (!dropContentType && !dropAccept) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            private boolean hidden(String name) {
                return dropContentType && "Content-Type".equalsIgnoreCase(name) || dropAccept && "Accept".equalsIgnoreCase(name);
            }

            @Override
            public String getHeader(String name) {
                return hidden(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = Collections.list(super.getHeaderNames()).stream().filter(n -> !hidden(n)).toList();
                return Collections.enumeration(names);
            }

            @Override
            public String getContentType() {
                return dropContentType ? null : super.getContentType();
            }
        }, response);
    }

    private static int count(Enumeration<String> values) {
        int n = 0;
        while (values != null && values.hasMoreElements()) {
            values.nextElement();
            n++;
        }
        return n;
    }

    private static boolean emptyAccept(Enumeration<String> values) {
        boolean any = false;
        while (values != null && values.hasMoreElements()) {
            any = true;
            if (!values.nextElement().replace(",", "").isBlank()) return false;
        }
        return any;
    }
}
