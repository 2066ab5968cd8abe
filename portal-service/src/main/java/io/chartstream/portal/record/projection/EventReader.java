package io.chartstream.portal.record.projection;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.portal.record.model.PatientRecord.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.UUID;

/**
 * Reads the published payloads of docs/events.md: the envelope fields with Jackson, the FHIR
 * resource inside with HAPI. A payload that breaks the contract throws: the runner
 * dead-letters the event and the partition keeps flowing.
 */
final class EventReader {

    private final ObjectMapper json;
    private final FhirContext fhir;

    EventReader(ObjectMapper json, FhirContext fhir) {
        this.json = json;
        this.fhir = fhir;
    }

    PersonEvent person(RecordedEvent event, boolean registration) throws Exception {
        JsonNode data = json.readTree(event.data());
        UUID personId = personId(event, data);
        JsonNode identifier = data.path("identifier");
        Identifier registered = identifier.isObject()
                ? new Identifier(text(identifier, "system"), required(identifier, "value"), text(data, "organization"))
                : null;
        Patient patient = data.path("patient").isObject() ? parse(data.get("patient"), Patient.class) : null;
        return new PersonEvent(personId, text(data, "organization"), registered, patient, registration);
    }

    EntryEvent entry(RecordedEvent event) throws Exception {
        JsonNode data = json.readTree(event.data());
        UUID personId = personId(event, data);
        UUID entryId = uuid(data, "entryId");
        JsonNode resourceJson = data.get("resource");
        if (resourceJson == null || !resourceJson.isObject()) {
            throw new IllegalArgumentException("event " + event.eventId() + " carries no FHIR resource");
        }
        Resource resource = (Resource) fhir.newJsonParser().parseResource(resourceJson.toString());
        return new EntryEvent(entryId, personId, version(event, resource), text(data, "organization"),
                text(data, "practitioner"), resource);
    }

    /** The person the event is about; it must agree with the Kafka key / CloudEvents subject. */
    private static UUID personId(RecordedEvent event, JsonNode data) {
        UUID personId = uuid(data, "personId");
        if (event.subject() != null && !event.subject().equals(personId.toString())) {
            throw new IllegalArgumentException("event " + event.eventId() + " has subject " + event.subject()
                    + " but personId " + personId + ": refusing to file it under either person");
        }
        return personId;
    }

    /** The entry's stream version; the resource's meta.versionId if the envelope lacks one. */
    private static long version(RecordedEvent event, Resource resource) {
        if (event.streamVersion() > 0) {
            return event.streamVersion();
        }
        String versionId = resource.getMeta().getVersionId();
        return versionId == null ? 1 : Long.parseLong(versionId);
    }

    private <T extends Resource> T parse(JsonNode node, Class<T> type) {
        return fhir.newJsonParser().parseResource(type, node.toString());
    }

    private static UUID uuid(JsonNode data, String field) {
        String value = required(data, field);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID: " + value, e);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the event payload has no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
