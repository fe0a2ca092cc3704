package dev.wharf.logs;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.util.TimeZone;

/**
 * Dropwizard's request-log line under a name, {@code access-text}, the counterpart of
 * {@code access-json}, with what the client wrote cut short: the request line at
 * {@value #REQUEST_LINE} characters, Referer and User-Agent at {@value #HEADER} each. A client
 * otherwise writes lines of up to the 16 KiB header limit into the log (ops/fuzz saw 10,167
 * characters from one request line).
 */
@JsonTypeName("access-text")
public final class AccessTextLayout implements DiscoverableLayoutFactory<IAccessEvent> {

    static final int REQUEST_LINE = 256;
    static final int HEADER = 128;

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        LogbackAccessRequestLayout layout = new LogbackAccessRequestLayout(context, timeZone);
        // Dropwizard's pattern with logback's "%.-N" (keep the first N characters) on the client's text.
        layout.setPattern("%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z," + timeZone.getID() + "}] \"%.-" + REQUEST_LINE + "r\" %s %b \"%.-"
                + HEADER + "i{Referer}\" \"%.-" + HEADER + "i{User-Agent}\" %D");
        return layout;
    }
}
