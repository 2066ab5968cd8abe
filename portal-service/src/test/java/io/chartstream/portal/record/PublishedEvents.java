package io.chartstream.portal.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes real ChartStream CloudEvents to the test Kafka broker, shaped as docs/events.md
 * says patient-service and clinical-service publish them: binary mode, keyed by the person id,
 * FHIR content encoded by HAPI and embedded as a JSON object.
 */
public final class PublishedEvents {

    public static final String PATIENT_TOPIC = "chartstream.patient.events";
    public static final String CLINICAL_TOPIC = "chartstream.clinical.events";

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong POSITION = new AtomicLong(System.currentTimeMillis());
    private static KafkaProducer<String, byte[]> producer;

    private PublishedEvents() {
    }

    public static UUID patientRegistered(UUID personId, String organization, String system, String value, Patient patient) {
        return publishPerson("io.chartstream.patient.PatientRegistered.v1", personId, organization, system, value, patient, 1);
    }

    public static UUID identifierLinked(UUID personId, String organization, String system, String value, Patient patient,
                                        long version) {
        ObjectNode data = personData(personId, organization, system, value, patient);
        data.put("matchedOn", "identifier");
        return send(PATIENT_TOPIC, "io.chartstream.patient.IdentifierLinked.v1", personId.toString(),
                "person-" + personId, version, "patient-service", organization, data);
    }

    /** An entry's first version ({@code ObservationRecorded.v1} and friends); returns the entry id. */
    public static UUID recorded(String type, UUID personId, String organization, Resource resource) {
        UUID entryId = UUID.randomUUID();
        entry(type, entryId, personId, organization, resource, 1);
        return entryId;
    }

    public static UUID amended(UUID entryId, UUID personId, String organization, Resource resource, long version) {
        return entry("io.chartstream.clinical.EntryAmended.v1", entryId, personId, organization, resource, version);
    }

    /** Any clinical event; returns the event id. */
    public static UUID entry(String type, UUID entryId, UUID personId, String organization, Resource resource, long version) {
        return entry(type, personId.toString(), entryId, personId, organization, resource, version);
    }

    /** A clinical event whose Kafka key / subject may disagree with its personId. */
    public static UUID entry(String type, String subject, UUID entryId, UUID personId, String organization,
                             Resource resource, long version) {
        resource.setId(entryId.toString());
        resource.getMeta().setVersionId(Long.toString(version));
        ObjectNode data = JSON.createObjectNode();
        data.put("entryId", entryId.toString());
        data.put("personId", personId.toString());
        data.put("organization", organization);
        data.put("practitioner", "dr.rivera");
        data.put("resourceType", resource.fhirType());
        data.set("resource", fhirJson(resource));
        return send(CLINICAL_TOPIC, type, subject, "entry-" + entryId, version, "clinical-service", organization, data);
    }

    private static UUID publishPerson(String type, UUID personId, String organization, String system, String value,
                                      Patient patient, long version) {
        return send(PATIENT_TOPIC, type, personId.toString(), "person-" + personId, version, "patient-service",
                organization, personData(personId, organization, system, value, patient));
    }

    private static ObjectNode personData(UUID personId, String organization, String system, String value, Patient patient) {
        ObjectNode data = JSON.createObjectNode();
        data.put("personId", personId.toString());
        data.put("organization", organization);
        data.putObject("identifier").put("system", system).put("value", value);
        data.set("patient", fhirJson(patient));
        return data;
    }

    private static ObjectNode fhirJson(Resource resource) {
        try {
            return (ObjectNode) JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID send(String topic, String type, String subject, String streamId, long version, String source,
                             String organization, ObjectNode data) {
        UUID eventId = UUID.randomUUID();
        RecordedEvent event = new RecordedEvent(POSITION.incrementAndGet(), streamId, version, eventId, type, subject,
                data.toString(), new EventMetadata(UUID.randomUUID().toString(), null, "dr.rivera", organization),
                Instant.now());
        try {
            producer().send(ChartStreamCloudEvents.toProducerRecord(topic, event, source)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        return eventId;
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        }
        return producer;
    }
}
