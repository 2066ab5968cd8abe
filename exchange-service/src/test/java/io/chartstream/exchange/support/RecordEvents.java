package io.chartstream.exchange.support;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Publishes patient-service and clinical-service events to Kafka as they would (docs/events.md):
 * binary CloudEvents from the runtime, FHIR built and encoded with HAPI.
 */
public final class RecordEvents {

    public static final String PATIENT_TOPIC = "chartstream.patient.events";
    public static final String CLINICAL_TOPIC = "chartstream.clinical.events";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong POSITIONS = new AtomicLong(1_000_000);
    private static Producer<String, byte[]> producer;

    private RecordEvents() {
    }

    public static RecordedEvent patientRegistered(UUID personId, String org, String mrn) {
        return personEvent("io.chartstream.patient.PatientRegistered.v1", personId, org, mrn, 1);
    }

    public static RecordedEvent identifierLinked(UUID personId, String org, String mrn) {
        return personEvent("io.chartstream.patient.IdentifierLinked.v1", personId, org, mrn, 2);
    }

    public static RecordedEvent observationRecorded(UUID personId, String org, UUID entryId, double hba1c) {
        return entryEvent("io.chartstream.clinical.ObservationRecorded.v1", personId, org, observation(personId, entryId, hba1c, 1), 1);
    }

    public static RecordedEvent entryAmended(UUID personId, String org, UUID entryId, double hba1c, long version) {
        return entryEvent("io.chartstream.clinical.EntryAmended.v1", personId, org, observation(personId, entryId, hba1c, version), version);
    }

    /** Publishes as its service would and returns the position a write would have answered ({@code <source>/<n>}). */
    public static String publish(RecordedEvent event) {
        boolean patient = event.type().startsWith("io.chartstream.patient.");
        String source = patient ? "patient-service" : "clinical-service";
        try {
            producer().send(ChartStreamCloudEvents.toProducerRecord(patient ? PATIENT_TOPIC : CLINICAL_TOPIC, event, source)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.type(), e);
        }
        return source + "/" + event.position();
    }

    public static long nextPosition() {
        return POSITIONS.incrementAndGet();
    }

    private static RecordedEvent personEvent(String type, UUID personId, String org, String mrn, long version) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:chartstream:" + org + ":mrn").setValue(mrn);
        patient.addName(new HumanName().setFamily("Rivera").addGiven("Ana"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        ObjectNode data = JSON.createObjectNode();
        data.put("personId", personId.toString());
        data.put("organization", org);
        data.putObject("identifier").put("system", "urn:chartstream:" + org + ":mrn").put("value", mrn);
        data.set("patient", fhirJson(patient));
        if (type.endsWith("IdentifierLinked.v1")) {
            data.put("matchedOn", "identifier");
        }
        return event(type, "person-" + personId, version, personId, data, org);
    }

    private static RecordedEvent entryEvent(String type, UUID personId, String org, Resource resource, long version) {
        ObjectNode data = JSON.createObjectNode();
        data.put("entryId", resource.getIdElement().getIdPart());
        data.put("personId", personId.toString());
        data.put("organization", org);
        data.put("practitioner", "dr.rivera");
        data.put("resourceType", resource.fhirType());
        data.set("resource", fhirJson(resource));
        return event(type, "entry-" + resource.getIdElement().getIdPart(), version, personId, data, org);
    }

    private static Observation observation(UUID personId, UUID entryId, double hba1c, long version) {
        Observation o = new Observation();
        o.setId(entryId.toString());
        o.getMeta().setVersionId(Long.toString(version));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")));
        o.setSubject(new Reference("Patient/" + personId));
        o.setValue(new Quantity().setValue(hba1c).setUnit("%").setSystem("http://unitsofmeasure.org").setCode("%"));
        return o;
    }

    private static RecordedEvent event(String type, String stream, long version, UUID personId, ObjectNode data, String org) {
        return new RecordedEvent(nextPosition(), stream, version, UUID.randomUUID(), type, personId.toString(),
                data.toString(), new EventMetadata(UUID.randomUUID().toString(), null, "dr.test", org), Instant.now());
    }

    private static ObjectNode fhirJson(Resource resource) {
        try {
            return (ObjectNode) JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
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
