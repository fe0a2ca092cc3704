package dev.wharf.edge;

import dev.wharf.errors.ApiError;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin port's tasks change a running node. Dropwizard's own (log-level, JVM GC) are off
 * unless {@code adminTasks: true}, and then only with the admin token: the log-level task could
 * switch Jetty to DEBUG and print request headers (issue 14). Wharf's operator tasks
 * ({@code backup}, {@code blob-gc}, which {@code ops/wharf backup|gc} call) are always on, and
 * need the admin token whenever one is configured.
 */
public final class AdminTasksGate implements Filter {

    /** Wharf's own tasks: what an operator runs through ops/wharf. */
    static final java.util.Set<String> OPERATOR_TASKS = java.util.Set.of("/tasks/backup", "/tasks/blob-gc");

    private final boolean enabled;
    private final boolean tokenSet;
    private final byte[] adminToken;

    public AdminTasksGate(boolean enabled, String adminToken) {
        this.tokenSet = adminToken != null && !adminToken.isBlank();
        this.enabled = enabled && tokenSet;
        this.adminToken = adminToken == null ? new byte[0] : adminToken.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean operatorTask = OPERATOR_TASKS.contains(http.getRequestURI());
        if (operatorTask && !tokenSet) {
            chain.doFilter(request, response);
            return;
        }
        if (!enabled && !operatorTask) {
            refuse((HttpServletResponse) response, ApiError.Code.FORBIDDEN, "admin tasks are off (adminTasks: false)");
            return;
        }
        String header = http.getHeader("Authorization");
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(presented, adminToken)) {
            refuse((HttpServletResponse) response, ApiError.Code.UNAUTHORIZED, "admin tasks need 'Authorization: Bearer ADMIN_TOKEN'");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, ApiError.Code code, String message) throws IOException {
        response.setStatus(code.status());
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"" + code.code() + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
