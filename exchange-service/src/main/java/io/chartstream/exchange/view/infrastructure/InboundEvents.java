package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.contracts.exchange.CareRelationshipEndedV1;
import io.chartstream.contracts.exchange.ConsentRecordedV1;
import io.chartstream.contracts.exchange.EmergencyAccessGrantedV1;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.contracts.exchange.TreatmentAttestedV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PatientEventV1;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.contracts.patient.RegistrationRevisedV1;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.PoisonEventException;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.view.domain.VersionedResource;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the published patient and clinical events into the contracts' payload records
 * (chartstream-contracts), parsing the FHIR inside with HAPI. Types this view does not need
 * (match reviews, future event types) are skipped, not refused; a known type whose data breaks the
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
            if (PatientContracts.PERSONS_MERGED.is(type)) {
                PersonsMergedV1 m = ContractJson.read(PatientContracts.PERSONS_MERGED, event.data());
                return Optional.of(new InboundEvent.PersonsMerged(
                        m.personId(), m.mergeId(), m.survivorPersonId(), m.mergedPersonId()));
            }
            if (PatientContracts.PERSONS_UNMERGED.is(type)) {
                PersonsUnmergedV1 u = ContractJson.read(PatientContracts.PERSONS_UNMERGED, event.data());
                return Optional.of(new InboundEvent.PersonsUnmerged(
                        u.personId(), u.mergeId(), u.survivorPersonId(), u.mergedPersonId()));
            }
            if (PatientContracts.revisesRegistration(type)) {
                RegistrationRevisedV1 revised = ContractJson.read(PatientContracts.REGISTRATION_REVISED, event.data());
                return revised.personDemographics()
                        ? Optional.of(new InboundEvent.PersonRevised(revised.personId(), (Patient)
                                parse(revised.patient().toString(), "Patient")))
                        : Optional.empty();
            }
            Optional<Contract<ClinicalEntryV1>> entryChange = ClinicalContracts.entryChange(type);
            if (entryChange.isPresent()) {
                ClinicalEntryV1 data = ContractJson.read(entryChange.get(), event.data());
                Entry entry = entry(data, event.streamVersion());
                return Optional.of(new InboundEvent.EntryChanged(
                        data.personId(), data.organization(), entry.resource(), entry.labels()));
            }
            if (ClinicalContracts.ENTRY_ENTERED_IN_ERROR.is(type)) {
                ClinicalEntryV1 data = ContractJson.read(ClinicalContracts.ENTRY_ENTERED_IN_ERROR, event.data());
                Entry entry = entry(data, event.streamVersion());
                return Optional.of(new InboundEvent.EntryEnteredInError(
                        data.personId(), data.organization(), entry.resource(), entry.labels()));
            }
            return access(type, event.data());
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

    /** An entry's resource as the views hold it (id Type/entryId/_history/version) and its DS4P category labels. */
    private record Entry(VersionedResource resource, Set<String> labels) {}

    private Entry entry(ClinicalEntryV1 data, long streamVersion) {
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
        Set<String> labels = resource.getMeta().getSecurity().stream()
                .filter(c -> SecurityLabels.ACT_CODE_SYSTEM.equals(c.getSystem()) && c.getCode() != null)
                .map(Coding::getCode)
                .collect(Collectors.toUnmodifiableSet());
        return new Entry(new VersionedResource(resourceType, entryId, version, json), labels);
    }

    /** The exchange's own access events: relationships that start and end, and consent. */
    private static Optional<InboundEvent> access(String type, String data) {
        if (type.equals(ExchangeContracts.TREATMENT_ATTESTED.typeName())) {
            TreatmentAttestedV1 t = ContractJson.read(ExchangeContracts.TREATMENT_ATTESTED, data);
            return Optional.of(new InboundEvent.RelationshipStarted(
                    t.personId(),
                    t.organization(),
                    t.relationshipId(),
                    Basis.TREATMENT_ATTESTATION,
                    t.reason(),
                    t.actor(),
                    Instant.parse(t.startedAt()),
                    Instant.parse(t.endsAt())));
        }
        if (type.equals(ExchangeContracts.EMERGENCY_ACCESS_GRANTED.typeName())) {
            EmergencyAccessGrantedV1 e = ContractJson.read(ExchangeContracts.EMERGENCY_ACCESS_GRANTED, data);
            return Optional.of(new InboundEvent.RelationshipStarted(
                    e.personId(),
                    e.organization(),
                    e.relationshipId(),
                    Basis.EMERGENCY_ACCESS,
                    e.reason(),
                    e.actor(),
                    Instant.parse(e.startedAt()),
                    Instant.parse(e.endsAt())));
        }
        if (type.equals(ExchangeContracts.CARE_RELATIONSHIP_ENDED.typeName())) {
            CareRelationshipEndedV1 e = ContractJson.read(ExchangeContracts.CARE_RELATIONSHIP_ENDED, data);
            return Optional.of(new InboundEvent.RelationshipEnded(
                    e.personId(), e.organization(), e.relationshipId(), e.reason(), Instant.parse(e.endedAt())));
        }
        if (type.equals(ExchangeContracts.CONSENT_RECORDED.typeName())) {
            ConsentRecordedV1 c = ContractJson.read(ExchangeContracts.CONSENT_RECORDED, data);
            return Optional.of(new InboundEvent.PolicyRecorded(
                    c.personId(),
                    new SharingPolicy(
                            c.optOut(),
                            Set.copyOf(c.blockedOrganizations()),
                            Set.copyOf(c.withheldCategories()),
                            Set.copyOf(c.part2SharedWith()))));
        }
        return Optional.empty();
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
