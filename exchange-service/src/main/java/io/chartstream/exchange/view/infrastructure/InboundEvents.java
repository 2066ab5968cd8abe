package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PatientEventV1;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.PoisonEventException;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.view.domain.VersionedResource;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.Optional;

/**
 * Reads the published patient and clinical events into the contracts' payload records
 * (chartstream-contracts), parsing the FHIR inside with HAPI. Types this view does not need
 * (merges, future event types) are skipped, not refused; a known type whose data breaks the
 * contract is refused (dead-lettered with the reason).
 */
@ApplicationScoped
public class InboundEvents {

    private final FhirContext fhir;

    public InboundEvents(FhirContext fhir) {
        this.fhir = fhir;
    }

    public Optional<InboundEvent> read(SourcedEvent sourced) {
        RecordedEvent event = sourced.event();
        String type = event.type();
        try {
            if (PatientContracts.identifiesPerson(type)) {
                return Optional.of(personInCare(PatientContracts.read(type, event.data())));
            }
            Optional<Contract<ClinicalEntryV1>> entryChange = ClinicalContracts.entryChange(type);
            if (entryChange.isPresent()) {
                return Optional.of(
                        entryChanged(ContractJson.read(entryChange.get(), event.data()), event.streamVersion()));
            }
            return Optional.empty();
        } catch (PoisonEventException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonEventException(type + " " + event.eventId() + " breaks its contract: " + e.getMessage(), e);
        }
    }

    private InboundEvent personInCare(PatientEventV1 data) {
        Patient patient = (Patient) parse(data.patient().toString(), "Patient");
        return new InboundEvent.PersonInCare(
                data.personId(),
                data.organization(),
                data.identifier().system(),
                data.identifier().value(),
                patient);
    }

    private InboundEvent entryChanged(ClinicalEntryV1 data, long streamVersion) {
        String entryId = data.entryId().toString();
        String resourceType = data.resourceType();
        Resource resource = parse(data.resource().toString(), resourceType);
        String id = resource.getIdElement().getIdPart();
        if (id != null && !id.equals(entryId)) {
            throw new PoisonEventException("resource id " + id + " is not the entryId " + entryId, null);
        }
        String versionId = resource.getMeta().getVersionId();
        long version = versionId != null ? Long.parseLong(versionId) : streamVersion;
        resource.setId(new IdType(resourceType, entryId, Long.toString(version)));
        resource.getMeta().setVersionId(Long.toString(version));
        String json = fhir.newJsonParser().encodeResourceToString(resource);
        return new InboundEvent.EntryChanged(
                data.personId(), data.organization(), new VersionedResource(resourceType, entryId, version, json));
    }

    private Resource parse(String json, String expectedType) {
        Resource resource = (Resource) fhir.newJsonParser().parseResource(json);
        if (!resource.fhirType().equals(expectedType)) {
            throw new PoisonEventException(
                    "expected a " + expectedType + " but the resource is a " + resource.fhirType(), null);
        }
        return resource;
    }
}
