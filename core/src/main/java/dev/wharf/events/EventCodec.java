package dev.wharf.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for events on the log. Each record is an envelope
 * {@code {"schema": 1, "type": "PublishVersion", "event": {...}}} where {@code type} is the
 * type's wire constant and {@code schema} the version of that type's body (docs/events.md).
 *
 * <p>A reader never guesses: a type it does not know, a schema newer than it reads, a field it
 * does not know, or bytes that are not an envelope all refuse the record with
 * {@link UndecodableEvent}, and the tails stop that partition there rather than skip it
 * (issue 9: an old node that skips a newer event diverges silently). Older schemas are
 * brought up to date by the {@link Upcaster}s of the {@link EventTypes} in use.
 */
public final class EventCodec {

    /** The schema every built-in type is at today. Each type carries its own ({@code PublishVersion.SCHEMA}). */
    public static final int SCHEMA = 1;

    // Field names are pinned per component with @JsonProperty; SNAKE_CASE stays only as the
    // rule those names were first derived by. Unknown fields fail: a field this build does not
    // know may carry meaning it would drop (docs/events.md, "Unknown fields"). Map entries are
    // sorted so the same event always encodes to the same bytes (golden files).
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private EventCodec() {}

    /** Encodes with the built-in types. */
    public static byte[] encode(RegistryEvent event) {
        return encode(EventTypes.BUILT_IN, event);
    }

    public static byte[] encode(EventTypes types, RegistryEvent event) {
        EventType<?> type = types.of(event);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("schema", type.schema());
        envelope.put("type", type.name());
        envelope.set("event", JSON.valueToTree(event));
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes with the built-in types. */
    public static RegistryEvent decode(byte[] bytes) throws UndecodableEvent {
        return decode(EventTypes.BUILT_IN, bytes);
    }

    public static RegistryEvent decode(EventTypes types, byte[] bytes) throws UndecodableEvent {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UndecodableEvent(null, -1, "malformed event: not JSON (" + firstLine(e) + ")");
        }
        if (envelope == null || !envelope.isObject() || !envelope.path("schema").canConvertToInt()
                || !envelope.path("type").isTextual() || !envelope.path("event").isObject()) {
            throw new UndecodableEvent(null, -1, "malformed event: not a {schema, type, event} envelope");
        }
        int schema = envelope.path("schema").asInt();
        String name = envelope.path("type").asText();
        EventType<?> type = types.named(name)
                .orElseThrow(() -> new UndecodableEvent(name, schema, "unknown event type '" + name + "' (schema " + schema + ")"));
        if (schema > type.schema()) {
            throw new UndecodableEvent(name, schema, "unknown schema " + schema + " of event type '" + name
                    + "' (this build reads up to " + type.schema() + ")");
        }
        ObjectNode body = ((ObjectNode) envelope.path("event")).deepCopy();
        for (int at = schema; at < type.schema(); at++) {
            int from = at;
            Upcaster upcaster = types.upcaster(name, from).orElseThrow(() -> new UndecodableEvent(name, schema,
                    "no upcaster from schema " + from + " of event type '" + name + "'"));
            body = upcaster.upcast(body);
        }
        try {
            return JSON.treeToValue(body, type.record());
        } catch (UnrecognizedPropertyException e) {
            throw new UndecodableEvent(name, schema, "unknown field '" + e.getPropertyName() + "' in event type '" + name
                    + "' (schema " + schema + ")");
        } catch (JsonProcessingException e) {
            throw new UndecodableEvent(name, schema, "malformed event '" + name + "' (schema " + schema + "): " + firstLine(e));
        } catch (RuntimeException e) {
            // A record's constructor refused the values (e.g. a null where a list is required).
            throw new UndecodableEvent(name, schema, "malformed event '" + name + "' (schema " + schema + "): " + e);
        }
    }

    /**
     * The type of the record, read from the envelope alone: what a reader that ignores most
     * types needs (the token tail replays the whole log on every start, issue 12; decoding each
     * publish costs more than fetching it). Refuses exactly as {@link #decode} does for bytes
     * that are not an envelope, an unknown type or a newer schema, so a tail still stops at an
     * event it does not know; a body it never decodes is not checked for unknown fields.
     */
    public static EventType<?> typeOf(EventTypes types, byte[] bytes) throws UndecodableEvent {
        Integer schema = null;
        String name = null;
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(bytes)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new UndecodableEvent(null, -1, "malformed event: not a {schema, type, event} envelope");
            }
            // encode() writes schema and type first: the body is never tokenized.
            while ((schema == null || name == null) && parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
                if (field.equals("schema") && value == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) schema = parser.getIntValue();
                else if (field.equals("type") && value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) name = parser.getText();
                else parser.skipChildren();
            }
        } catch (IOException e) {
            throw new UndecodableEvent(null, -1, "malformed event: not JSON (" + firstLine(e) + ")");
        }
        if (schema == null || name == null) throw new UndecodableEvent(null, -1, "malformed event: not a {schema, type, event} envelope");
        String typeName = name;
        int version = schema;
        EventType<?> type = types.named(typeName)
                .orElseThrow(() -> new UndecodableEvent(typeName, version, "unknown event type '" + typeName + "' (schema " + version + ")"));
        if (version > type.schema()) {
            throw new UndecodableEvent(typeName, version, "unknown schema " + version + " of event type '" + typeName
                    + "' (this build reads up to " + type.schema() + ")");
        }
        return type;
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /**
     * A record on the log this build cannot read. {@code type} is null and {@code schema} -1
     * when the bytes are not even an envelope. Tails stop the record's partition on it.
     */
    public static final class UndecodableEvent extends Exception {
        private final String type;
        private final int schema;

        public UndecodableEvent(String type, int schema, String message) {
            super(message);
            this.type = type;
            this.schema = schema;
        }

        public String type() {
            return type;
        }

        public int schema() {
            return schema;
        }
    }
}
