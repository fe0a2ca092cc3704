package dev.wharf.browse;

import io.dropwizard.views.common.View;
import java.util.Map;

/** A server-rendered page; templates use .ftlh so FreeMarker escapes every value as HTML. */
public final class BrowsePage extends View {

    private final Map<String, Object> model;

    BrowsePage(String template, Map<String, Object> model) {
        super(template, java.nio.charset.StandardCharsets.UTF_8);
        this.model = model;
    }

    public Map<String, Object> getModel() {
        return model;
    }
}
