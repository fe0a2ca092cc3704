package dev.wharf.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM from now until {@link #close}, as the appenders receive it (after
 * turbo filters, so redaction applies). Attach after a registry starts: Dropwizard resets logging
 * when it configures it.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        setContext(context);
        setName("test-capture");
        start();
        root.addAppender(this);
    }

    public static LogCapture attach() {
        return new LogCapture();
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The line as a pattern layout would print it, with the stack trace's text if there is one. */
    public static String line(ILoggingEvent e) {
        StringBuilder s = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            s.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (var frame : t.getStackTraceElementProxyArray()) s.append("\n\t").append(frame.getSTEAsString());
        }
        return s.toString();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
