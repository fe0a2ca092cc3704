package dev.wharf.edge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * No log line carries a bearer token, at any level, from any logger: Jetty at DEBUG prints
 * request headers and buffers in clear (issue 14). A turbo filter sees every logging call before
 * any appender; a line that mentions {@code Authorization} or one of the configured tokens is
 * written again with the values replaced, and the original is dropped. Lines below ERROR
 * longer than {@link #MAX_LINE} are cut the same way.
 */
public final class AuthorizationRedaction extends TurboFilter {

    static final String REDACTED = "[redacted]";
    /**
     * Longer WARN/INFO/DEBUG lines are cut here, so that with the "…(N chars)" note a line stays
     * within 400 characters (what HttpFuzzTest holds the log to); an ERROR (a bug of ours) keeps
     * its whole text.
     */
    static final int MAX_LINE = 380;
    private static final String FQCN = AuthorizationRedaction.class.getName();
    /**
     * The header's value up to the end of its line: a real CR/LF, Jetty's escaped {@code \r} in
     * buffer dumps, or the end of a field list ({@code ,} {@code ]} {@code }}).
     */
    private static final Pattern HEADER = Pattern.compile("(?i)(authorization\\s*[:=]\\s*)([^\\r\\n\\\\,\\]}]*)");

    /** A credential after its scheme, wherever it is quoted ({@code valueString=[Bearer …]}). */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[^\\s\\]},\\\\\"]+");
    /**
     * Jetty's DEBUG buffer dumps ({@code {<<<GET / HTTP/1.1\r\n…>>>…}}) show the first and last
     * bytes of what a client sent, a cut token included, with no header name left to match.
     */
    private static final Pattern BUFFER_DUMP = Pattern.compile("<<<.*?>>>[^}]*", Pattern.DOTALL);

    private final List<String> secrets;

    /** @param secrets the configured token values, redacted wherever they appear */
    public AuthorizationRedaction(List<String> secrets) {
        this.secrets = secrets.stream().map(String::strip).filter(s -> s.length() >= 4).toList();
        setName("authorization-redaction");
    }

    /** Installs the filter once per logging context (tests start several nodes in one JVM). */
    public static void install(List<String> secrets) {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        context.getTurboFilterList().removeIf(f -> f instanceof AuthorizationRedaction);
        AuthorizationRedaction filter = new AuthorizationRedaction(secrets);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Called for every logging call, enabled or not: cheap exits first, and never through
        // logger.isEnabledFor, which would call this filter again.
        if (format == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) return FilterReply.NEUTRAL;
        String message = params == null || params.length == 0 ? format : MessageFormatter.arrayFormat(format, params).getMessage();
        String throwableText = t == null ? "" : String.valueOf(t.getMessage());
        boolean secret = mentionsSecret(message) || mentionsSecret(throwableText);
        // A line a client can cause is bounded (issue 14): Jetty's WARNs quote the Host header.
        boolean long_ = message.length() > MAX_LINE && !level.isGreaterOrEqual(Level.ERROR);
        if (!secret && !long_) return FilterReply.NEUTRAL;
        Throwable kept = t == null || !mentionsSecret(throwableText) ? t : null;
        String line = redact(message) + (t != null && kept == null ? " (" + t.getClass().getName() + ": " + redact(throwableText) + ")" : "");
        if (long_ && line.length() > MAX_LINE) line = line.substring(0, MAX_LINE) + "…(" + line.length() + " chars)";
        LoggingEvent event = new LoggingEvent(FQCN, logger, level, line, kept, null);
        if (marker != null) event.addMarker(marker);
        logger.callAppenders(event);
        return FilterReply.DENY;
    }

    private boolean mentionsSecret(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("authorization") || lower.contains("bearer") || lower.contains("basic ") || text.contains("<<<")) return true;
        for (String secret : secrets) if (text.contains(secret)) return true;
        return false;
    }

    String redact(String text) {
        Matcher m = HEADER.matcher(text);
        String out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + REDACTED));
        out = CREDENTIAL.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + REDACTED));
        out = BUFFER_DUMP.matcher(out).replaceAll(Matcher.quoteReplacement("<<<" + REDACTED + ">>>"));
        for (String secret : secrets) out = out.replace(secret, REDACTED);
        return out;
    }
}
