package io.chartstream.exchange.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.exchange.organization.domain.OrganizationEvent;
import io.chartstream.exchange.read.domain.DisclosureEvent;
import io.chartstream.exchange.view.FeedEvent;
import io.chartstream.exchange.view.FeedPublisher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the JSON of every event the exchange publishes (docs/events.md) to a golden file under
 * src/test/resources/events: renaming or dropping a field fails the build instead of silently
 * breaking the hospitals and services that read these topics. A deliberate change is a new vN.
 */
class ExchangeEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");

    @Test
    void organizationRegisteredV1() throws IOException {
        var types = new EventTypes<OrganizationEvent>(JSON)
                .register("io.chartstream.exchange.OrganizationRegistered.v1", OrganizationEvent.OrganizationRegistered.class);
        var event = new OrganizationEvent.OrganizationRegistered("st-marys-hospital", "St Mary's Hospital",
                "http://localhost:8090/webhook");
        assertMatchesGolden("OrganizationRegistered.v1.json", types.toJson(event));
        assertEquals(event, types.fromJson("io.chartstream.exchange.OrganizationRegistered.v1", golden("OrganizationRegistered.v1.json")));
    }

    @Test
    void recordDisclosedV1() throws IOException {
        var types = new EventTypes<DisclosureEvent>(JSON)
                .register("io.chartstream.exchange.RecordDisclosed.v1", DisclosureEvent.RecordDisclosed.class);
        var event = new DisclosureEvent.RecordDisclosed(UUID.fromString("0b6f3b7e-8a3c-4d58-9d2f-1c1a2b3c4d5e"), PERSON,
                "st-marys-hospital", "dr.chen", "TREAT", "Patient/$everything", "2026-11-30T06:00:00Z");
        assertMatchesGolden("RecordDisclosed.v1.json", types.toJson(event));
        assertEquals(event, types.fromJson("io.chartstream.exchange.RecordDisclosed.v1", golden("RecordDisclosed.v1.json")));
    }

    @Test
    void viewChangedV1() throws IOException {
        EventTypes<FeedEvent> types = FeedPublisher.feedEventTypes(JSON);
        JsonNode resource = JSON.readTree("{\"resourceType\":\"Observation\",\"id\":\"9d0c2e7a-1001-4d0a-9a52-5d0c2e7a1002\",\"status\":\"final\"}");
        var event = new FeedEvent.ViewChanged(PERSON, "st-marys-hospital", 7, "added", resource);
        assertEquals("io.chartstream.exchange.ViewChanged.v1", types.typeOf(event));
        assertMatchesGolden("ViewChanged.v1.json", types.toJson(event));
        assertEquals(event, types.fromJson(FeedEvent.TYPE_VIEW_CHANGED, golden("ViewChanged.v1.json")));
    }

    private static void assertMatchesGolden(String file, String actual) throws IOException {
        assertEquals(JSON.readTree(golden(file)), JSON.readTree(actual), file + " changed: a changed payload is a new event version");
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = ExchangeEventContractTest.class.getResourceAsStream("/events/" + file)) {
            if (in == null) {
                throw new IOException("missing golden file /events/" + file);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
