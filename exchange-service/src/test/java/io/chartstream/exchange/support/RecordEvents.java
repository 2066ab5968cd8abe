package io.chartstream.exchange.support;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.contracts.patient.IdentifierLinkedV1;
import io.chartstream.contracts.patient.IdentifierV1;
import io.chartstream.contracts.patient.MatchReviewDecidedV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PatientRegisteredV1;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.contracts.patient.RegistrationRevisedV1;
import io.chartstream.contracts.portal.PortalContracts;
import io.chartstream.contracts.portal.RecordViewedV1;
import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.producer.Producer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes patient-service and clinical-service events to Kafka as they would: the contracts'
 * payload records, binary CloudEvents from the runtime, FHIR built and encoded with HAPI.
 */
public final class RecordEvents {

    public static final String PATIENT_TOPIC = Topics.PATIENT_EVENTS;
    public static final String CLINICAL_TOPIC = Topics.CLINICAL_EVENTS;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final AtomicLong POSITIONS = new AtomicLong(1_000_000);
    private static Producer<String, byte[]> producer;

    private RecordEvents() {}

    public static RecordedEvent patientRegistered(UUID personId, String org, String mrn) {
        String data =
                ContractJson.write(new PatientRegisteredV1(personId, org, identifier(org, mrn), patient(org, mrn)));
        return event(PatientContracts.PATIENT_REGISTERED.typeName(), "person-" + personId, 1, personId, data, org);
    }

    /** A registration with these demographics (HAPI), under the organization's MRN {@code mrn}. */
    public static RecordedEvent patientRegistered(UUID personId, String org, String mrn, Patient patient) {
        Patient sent = patient.copy();
        sent.getIdentifier().clear();
        sent.addIdentifier().setSystem("urn:chartstream:" + org + ":mrn").setValue(mrn);
        String data = ContractJson.write(new PatientRegisteredV1(personId, org, identifier(org, mrn), fhirJson(sent)));
        return event(PatientContracts.PATIENT_REGISTERED.typeName(), "person-" + personId, 1, personId, data, org);
    }

    /** {@code org} revised its registration under {@code mrn} to {@code patient}, as stream version {@code version}. */
    public static RecordedEvent registrationRevised(
            UUID personId, String org, String mrn, Patient patient, boolean personDemographics, long version) {
        Patient sent = patient.copy();
        sent.getIdentifier().clear();
        sent.addIdentifier().setSystem("urn:chartstream:" + org + ":mrn").setValue(mrn);
        String data = ContractJson.write(
                new RegistrationRevisedV1(personId, org, identifier(org, mrn), fhirJson(sent), personDemographics));
        return event(
                PatientContracts.REGISTRATION_REVISED.typeName(), "person-" + personId, version, personId, data, org);
    }

    public static RecordedEvent identifierLinked(UUID personId, String org, String mrn) {
        String data = ContractJson.write(new IdentifierLinkedV1(
                personId, org, identifier(org, mrn), patient(org, mrn), IdentifierLinkedV1.MATCHED_ON_IDENTIFIER));
        return event(PatientContracts.IDENTIFIER_LINKED.typeName(), "person-" + personId, 2, personId, data, org);
    }

    /** An administrator's not-a-match on a review of {@code personId} (stream version 3, after the request). */
    public static RecordedEvent matchReviewDecided(UUID personId, String org, String mrn, UUID candidatePersonId) {
        String data = ContractJson.write(new MatchReviewDecidedV1(
                UUID.randomUUID(),
                personId,
                org,
                identifier(org, mrn),
                candidatePersonId,
                MatchReviewDecidedV1.NOT_A_MATCH));
        return event(PatientContracts.MATCH_REVIEW_DECIDED.typeName(), "person-" + personId, 3, personId, data, null);
    }

    /** The copy on {@code personId}'s stream (the survivor's or the merged person's) of an administrator's merge. */
    public static RecordedEvent personsMerged(UUID personId, UUID mergeId, UUID survivor, UUID merged, long version) {
        String data = ContractJson.write(new PersonsMergedV1(mergeId, personId, survivor, merged, "duplicate", null));
        return event(PatientContracts.PERSONS_MERGED.typeName(), "person-" + personId, version, personId, data, null);
    }

    /** The copy on {@code personId}'s stream of an administrator's unmerge. */
    public static RecordedEvent personsUnmerged(UUID personId, UUID mergeId, UUID survivor, UUID merged, long version) {
        String data = ContractJson.write(new PersonsUnmergedV1(mergeId, personId, survivor, merged, "twins"));
        return event(PatientContracts.PERSONS_UNMERGED.typeName(), "person-" + personId, version, personId, data, null);
    }

    public static RecordedEvent observationRecorded(UUID personId, String org, UUID entryId, double hba1c) {
        return entryEvent(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(),
                personId,
                org,
                observation(personId, entryId, hba1c, 1),
                1);
    }

    /** An Observation carrying security labels (v3 ActCode codes) in meta.security, as clinical-service labels them. */
    public static RecordedEvent labelledObservationRecorded(
            UUID personId, String org, UUID entryId, double value, String... labels) {
        Observation o = observation(personId, entryId, value, 1);
        for (String label : labels) {
            o.getMeta().addSecurity(SecurityLabels.ACT_CODE_SYSTEM, label, null);
        }
        return entryEvent(ClinicalContracts.OBSERVATION_RECORDED.typeName(), personId, org, o, 1);
    }

    public static RecordedEvent entryAmended(UUID personId, String org, UUID entryId, double hba1c, long version) {
        return entryEvent(
                ClinicalContracts.ENTRY_AMENDED.typeName(),
                personId,
                org,
                observation(personId, entryId, hba1c, version),
                version);
    }

    /** Any clinical entry (its id set), recorded by {@code org} as version 1. */
    public static RecordedEvent entryRecorded(UUID personId, String org, Resource entry) {
        entry.getMeta().setVersionId("1");
        return entryEvent(ClinicalContracts.ENTRY_RECORDED.typeName(), personId, org, entry, 1);
    }

    /** A new version of any clinical entry, amended by {@code org}. */
    public static RecordedEvent entryAmended(UUID personId, String org, Resource entry, long version) {
        entry.getMeta().setVersionId(Long.toString(version));
        return entryEvent(ClinicalContracts.ENTRY_AMENDED.typeName(), personId, org, entry, version);
    }

    /** The Observation withdrawn as entered in error at {@code version}, as clinical-service publishes it. */
    public static RecordedEvent entryEnteredInError(
            UUID personId, String org, UUID entryId, double hba1c, long version) {
        Observation o = observation(personId, entryId, hba1c, version);
        o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        return entryEvent(ClinicalContracts.ENTRY_ENTERED_IN_ERROR.typeName(), personId, org, o, version);
    }

    /** Publishes as its service would and returns the position a write would have answered ({@code <source>/<n>}). */
    public static String publish(RecordedEvent event) {
        boolean patient = PatientContracts.ALL.stream().anyMatch(c -> c.is(event.type()));
        String source = patient ? PatientContracts.SOURCE : ClinicalContracts.SOURCE;
        try {
            producer()
                    .send(ChartStreamCloudEvents.toProducerRecord(
                            patient ? PATIENT_TOPIC : CLINICAL_TOPIC, event, source))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        }
        return source + "/" + event.position();
    }

    /** The portal's event that a patient viewed their own record. */
    public static RecordedEvent recordViewed(UUID personId, String actor, String what) {
        String data = ContractJson.write(new RecordViewedV1(
                UUID.randomUUID(), personId, actor, what, Instant.now().toString()));
        return event(PortalContracts.RECORD_VIEWED.typeName(), "views-" + personId, 1, personId, data, null);
    }

    /** Publishes as portal-service would. */
    public static void publishFromPortal(RecordedEvent event) {
        try {
            producer()
                    .send(ChartStreamCloudEvents.toProducerRecord(Topics.PORTAL_EVENTS, event, PortalContracts.SOURCE))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        }
    }

    public static long nextPosition() {
        return POSITIONS.incrementAndGet();
    }

    private static IdentifierV1 identifier(String org, String mrn) {
        return new IdentifierV1("urn:chartstream:" + org + ":mrn", mrn);
    }

    private static ObjectNode patient(String org, String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:chartstream:" + org + ":mrn").setValue(mrn);
        patient.addName(new HumanName().setFamily("Rivera").addGiven("Ana"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return fhirJson(patient);
    }

    private static RecordedEvent entryEvent(String type, UUID personId, String org, Resource resource, long version) {
        String data = ContractJson.write(new ClinicalEntryV1(
                UUID.fromString(resource.getIdElement().getIdPart()),
                personId,
                org,
                "dr.rivera",
                resource.fhirType(),
                fhirJson(resource)));
        return event(type, "entry-" + resource.getIdElement().getIdPart(), version, personId, data, org);
    }

    private static Observation observation(UUID personId, UUID entryId, double hba1c, long version) {
        Observation o = new Observation();
        o.setId(entryId.toString());
        o.getMeta().setVersionId(Long.toString(version));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")));
        o.setSubject(new Reference("Patient/" + personId));
        o.setValue(new Quantity()
                .setValue(hba1c)
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        return o;
    }

    private static RecordedEvent event(
            String type, String stream, long version, UUID personId, String data, String org) {
        return new RecordedEvent(
                nextPosition(),
                stream,
                version,
                UUID.randomUUID(),
                type,
                personId.toString(),
                data,
                new EventMetadata(UUID.randomUUID().toString(), null, "dr.test", org),
                Instant.now());
    }

    private static ObjectNode fhirJson(Resource resource) {
        try {
            return (ObjectNode) ContractJson.tree(FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaSettings.reliableProducer(SharedKafka.bootstrapServers(), "exchange-test");
        }
        return producer;
    }
}
