package dev.wharf.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for events on the log. Each record is an envelope
 * {@code {"schema": 1, "type": "PublishVersion", "event": {...}}}; a reader that meets a
 * schema it does not know refuses the record instead of guessing, so an old node never
 * misapplies a newer event.
 */
public final class EventCodec {

    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EventCodec() {}

    public static byte[] encode(RegistryEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("schema", SCHEMA);
        envelope.put("type", event.getClass().getSimpleName());
        envelope.set("event", JSON.valueToTree(event));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegistryEvent decode(byte[] bytes) throws UndecodableEvent {
        try {
            JsonNode envelope = JSON.readTree(bytes);
            if (envelope == null || envelope.path("schema").asInt(-1) != SCHEMA) {
                throw new UndecodableEvent("unknown event schema " + (envelope == null ? "null" : envelope.path("schema")));
            }
            JsonNode body = envelope.path("event");
            return switch (envelope.path("type").asText()) {
                case "PublishVersion" -> JSON.treeToValue(body, PublishVersion.class);
                case "DownloadsCounted" -> JSON.treeToValue(body, DownloadsCounted.class);
                case "TokenIssued" -> JSON.treeToValue(body, TokenIssued.class);
                case "TokenRevoked" -> JSON.treeToValue(body, TokenRevoked.class);
                case "VersionYanked" -> JSON.treeToValue(body, VersionYanked.class);
                case "VersionUnyanked" -> JSON.treeToValue(body, VersionUnyanked.class);
                case "PackageDeprecated" -> JSON.treeToValue(body, PackageDeprecated.class);
                default -> throw new UndecodableEvent("unknown event type " + envelope.path("type"));
            };
        } catch (IOException e) {
            throw new UndecodableEvent("malformed event: " + e.getMessage());
        }
    }

    /** A record on the log this codec cannot read; projections skip it and record why. */
    public static final class UndecodableEvent extends Exception {
        public UndecodableEvent(String message) {
            super(message);
        }
    }
}
