package io.chartstream.eventsourcing.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventTypesTest {

    sealed interface SampleEvent {
        record Noted(String personId, String text, String author) implements SampleEvent {}
    }

    private final EventTypes<SampleEvent> types = new EventTypes<SampleEvent>(new ObjectMapper())
            .register("io.chartstream.sample.Noted.v2", SampleEvent.Noted.class)
            .upcast(
                    "io.chartstream.sample.Noted.v1",
                    "io.chartstream.sample.Noted.v2",
                    node -> node.put("author", "unknown"));

    @Test
    void anEventIsStoredUnderItsVersionedTypeNameNotItsClassName() {
        var event = new SampleEvent.Noted("p-1", "hello", "dr.chen");
        assertEquals("io.chartstream.sample.Noted.v2", types.typeOf(event));
        assertEquals("{\"personId\":\"p-1\",\"text\":\"hello\",\"author\":\"dr.chen\"}", types.toJson(event));
    }

    @Test
    void aV1EventIsUpcastToTheCurrentVersionWhenRead() {
        SampleEvent read =
                types.fromJson("io.chartstream.sample.Noted.v1", "{\"personId\":\"p-1\",\"text\":\"hello\"}");
        assertEquals(new SampleEvent.Noted("p-1", "hello", "unknown"), read);
    }

    @Test
    void anUnknownTypeIsAContractError() {
        assertThrows(UnknownEventTypeException.class, () -> types.fromJson("io.chartstream.sample.Vanished.v1", "{}"));
    }

    @Test
    void typeNamesMustCarryServiceNameAndVersion() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EventTypes<SampleEvent>(new ObjectMapper()).register("Noted", SampleEvent.Noted.class));
    }
}
