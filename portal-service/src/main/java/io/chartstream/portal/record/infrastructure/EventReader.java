package io.chartstream.portal.record.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.patient.IdentifierLinkedV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PatientEventV1;
import io.chartstream.contracts.patient.PatientRegisteredV1;
import io.chartstream.contracts.patient.RegistrationRevisedV1;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.portal.record.domain.PatientRecord.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.UUID;

/**
 * Reads the published payloads into the contracts' records (chartstream-contracts), then the
 * FHIR resource inside with HAPI. A payload that breaks the contract throws: the runner
 * dead-letters the event and the partition keeps flowing.
 */
final class EventReader {

    private final FhirContext fhir;

    EventReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    /**
     * A registration, a linked identifier ({@link PatientContracts#identifiesPerson}) or a revised
     * registration ({@link PatientContracts#revisesRegistration}); the first registration's
     * revision replaces the demographics like a registration does, any other only adds.
     */
    PersonEvent person(RecordedEvent event) {
        PatientEventV1 data = PatientContracts.read(event.type(), event.data());
        checkSubject(event, data.personId());
        boolean registration = switch (data) {
            case PatientRegisteredV1 registered -> true;
            case IdentifierLinkedV1 linked -> false;
            case RegistrationRevisedV1 revised -> revised.personDemographics();
        };
        Identifier identifier =
                new Identifier(data.identifier().system(), data.identifier().value(), data.organization());
        Patient patient =
                fhir.newJsonParser().parseResource(Patient.class, data.patient().toString());
        return new PersonEvent(data.personId(), data.organization(), identifier, patient, registration);
    }

    EntryEvent entry(RecordedEvent event, Contract<ClinicalEntryV1> contract) {
        ClinicalEntryV1 data = ContractJson.read(contract, event.data());
        checkSubject(event, data.personId());
        Resource resource =
                (Resource) fhir.newJsonParser().parseResource(data.resource().toString());
        return new EntryEvent(
                data.entryId(),
                data.personId(),
                version(event, resource),
                data.organization(),
                data.practitioner(),
                resource);
    }

    /** The person the event is about; it must agree with the Kafka key / CloudEvents subject. */
    private static void checkSubject(RecordedEvent event, UUID personId) {
        if (event.subject() != null && !event.subject().equals(personId.toString())) {
            throw new IllegalArgumentException("event " + event.eventId() + " has subject " + event.subject()
                    + " but personId " + personId + ": refusing to file it under either person");
        }
    }

    /** The entry's stream version; the resource's meta.versionId if the envelope lacks one. */
    private static long version(RecordedEvent event, Resource resource) {
        if (event.streamVersion() > 0) {
            return event.streamVersion();
        }
        String versionId = resource.getMeta().getVersionId();
        return versionId == null ? 1 : Long.parseLong(versionId);
    }
}
