package dev.wharf.projection;

import dev.wharf.events.EventCodec;
import dev.wharf.events.EventTypes;
import dev.wharf.events.RegistryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A polled batch decoded for a projection: per partition, every record up to (not including)
 * the first one this build cannot read. The projection never sees what follows it in that
 * partition, so a node that does not know an event stops there instead of skipping it and
 * diverging from the nodes that do (issue 9). Other partitions are independent and carry on.
 */
record LogBatch(List<LoggedEvent> events, Map<Integer, StoppedPartition> stops) {

    static LogBatch read(EventTypes types, Iterable<ConsumerRecord<String, byte[]>> records) {
        return read(types, records, null);
    }

    /** As above; records of a type outside {@code reader}'s {@link Projection#onlyTypes} are passed undecoded (a null event); a null reader reads every type. */
    static LogBatch read(EventTypes types, Iterable<ConsumerRecord<String, byte[]>> records, Projection reader) {
        Set<String> only = reader == null ? null : reader.onlyTypes().orElse(null);
        List<LoggedEvent> events = new ArrayList<>();
        Map<Integer, StoppedPartition> stops = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (stops.containsKey(r.partition())) continue;
            try {
                RegistryEvent event = only == null || only.contains(EventCodec.typeOf(types, r.value()).name())
                        ? EventCodec.decode(types, r.value()) : null;
                events.add(new LoggedEvent(r.partition(), r.offset(), event, null, r.timestamp()));
            } catch (EventCodec.UndecodableEvent e) {
                stops.put(r.partition(), new StoppedPartition(r.partition(), r.offset(), e.type(), e.schema(), e.getMessage()));
            }
        }
        return new LogBatch(events, Map.copyOf(stops));
    }
}
