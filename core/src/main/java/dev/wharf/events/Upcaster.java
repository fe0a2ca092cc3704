package dev.wharf.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the body of one event type written at schema {@code from} into the body of schema
 * {@code from + 1}. The codec chains upcasters until it reaches the schema the type's record
 * reads, so events on the log (kept forever) never need rewriting: a new shape is a new
 * schema version plus one upcaster (docs/events.md, "Evolving").
 */
public interface Upcaster {

    /** The wire name of the event type this upcaster reads. */
    String type();

    /** The schema version it reads; it produces {@code from() + 1}. */
    int from();

    /** The schema {@code from() + 1} body; may modify and return {@code event}. */
    ObjectNode upcast(ObjectNode event);

    static Upcaster of(String type, int from, java.util.function.UnaryOperator<ObjectNode> upcast) {
        return new Upcaster() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int from() {
                return from;
            }

            @Override
            public ObjectNode upcast(ObjectNode event) {
                return upcast.apply(event);
            }
        };
    }
}
