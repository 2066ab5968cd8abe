package io.chartstream.exchange.view;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.PoisonEventException;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.view.domain.VersionedResource;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads the published patient and clinical event contracts, parsing the FHIR inside with HAPI.
 * Types this view does not need (merges, future event types) are skipped, not refused; a
 * known type whose data breaks the contract is refused (dead-lettered with the reason).
 */
@ApplicationScoped
public class InboundEvents {

    static final String PATIENT_REGISTERED = "io.chartstream.patient.PatientRegistered.v1";
    static final String IDENTIFIER_LINKED = "io.chartstream.patient.IdentifierLinked.v1";
    static final String ENTRY_AMENDED = "io.chartstream.clinical.EntryAmended.v1";
    private static final String CLINICAL_PREFIX = "io.chartstream.clinical.";
    private static final String RECORDED_SUFFIX = "Recorded.v1";

    private final FhirContext fhir;
    private final ObjectMapper mapper;

    public InboundEvents(FhirContext fhir, ObjectMapper mapper) {
        this.fhir = fhir;
        this.mapper = mapper;
    }

    public Optional<InboundEvent> read(SourcedEvent sourced) {
        RecordedEvent event = sourced.event();
        String type = event.type();
        try {
            if (PATIENT_REGISTERED.equals(type) || IDENTIFIER_LINKED.equals(type)) {
                return Optional.of(personInCare(mapper.readTree(event.data())));
            }
            if (ENTRY_AMENDED.equals(type) || (type.startsWith(CLINICAL_PREFIX) && type.endsWith(RECORDED_SUFFIX))) {
                return Optional.of(entryChanged(mapper.readTree(event.data()), event.streamVersion()));
            }
            return Optional.empty();
        } catch (PoisonEventException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonEventException(type + " " + event.eventId() + " breaks its contract: " + e.getMessage(), e);
        }
    }

    private InboundEvent personInCare(JsonNode data) {
        JsonNode identifier = data.path("identifier");
        Patient patient = (Patient) parse(required(data, "patient"), "Patient");
        return new InboundEvent.PersonInCare(UUID.fromString(text(data, "personId")), text(data, "organization"),
                identifier.path("system").asText(null), identifier.path("value").asText(null), patient);
    }

    private InboundEvent entryChanged(JsonNode data, long streamVersion) {
        String entryId = text(data, "entryId");
        String resourceType = text(data, "resourceType");
        Resource resource = parse(required(data, "resource"), resourceType);
        String id = resource.getIdElement().getIdPart();
        if (id != null && !id.equals(entryId)) {
            throw new PoisonEventException("resource id " + id + " is not the entryId " + entryId, null);
        }
        String versionId = resource.getMeta().getVersionId();
        long version = versionId != null ? Long.parseLong(versionId) : streamVersion;
        resource.setId(new org.hl7.fhir.r4.model.IdType(resourceType, entryId, Long.toString(version)));
        resource.getMeta().setVersionId(Long.toString(version));
        String json = fhir.newJsonParser().encodeResourceToString(resource);
        return new InboundEvent.EntryChanged(UUID.fromString(text(data, "personId")), text(data, "organization"),
                new VersionedResource(resourceType, entryId, version, json));
    }

    private Resource parse(JsonNode node, String expectedType) {
        Resource resource = (Resource) fhir.newJsonParser().parseResource(node.toString());
        if (!resource.fhirType().equals(expectedType)) {
            throw new PoisonEventException("expected a " + expectedType + " but the resource is a " + resource.fhirType(), null);
        }
        return resource;
    }

    private static JsonNode required(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isObject()) {
            throw new PoisonEventException("data." + field + " must be a JSON object", null);
        }
        return node;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new PoisonEventException("data." + field + " is missing", null);
        }
        return node.asText();
    }
}
