package io.chartstream.clinical.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.testsupport.FhirSamples;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes patient-service's events as patient-service does: binary-mode CloudEvents on
 * {@code chartstream.patient.events}, keyed by the person id, through a plain Kafka producer.
 */
public final class PatientEvents {

    public static final String TOPIC = Topics.PATIENT_EVENTS;
    public static final String PATIENT_REGISTERED = PatientContracts.PATIENT_REGISTERED.typeName();
    public static final String IDENTIFIER_LINKED = PatientContracts.IDENTIFIER_LINKED.typeName();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong POSITION = new AtomicLong(System.currentTimeMillis());
    private static KafkaProducer<String, byte[]> producer;

    private PatientEvents() {}

    /** A new enterprise person, registered by riverside-clinic under its MRN; returns the person id. */
    public static UUID registerNewPerson() {
        UUID personId = UUID.randomUUID();
        publish(
                PATIENT_REGISTERED,
                personId,
                data(personId, "riverside-clinic", "MRN-" + personId.toString().substring(0, 8)));
        return personId;
    }

    public static void linkIdentifier(UUID personId) {
        ObjectNode data =
                data(personId, "st-marys-hospital", "SMH-" + personId.toString().substring(0, 6));
        data.put("matchedOn", "demographics");
        publish(IDENTIFIER_LINKED, personId, data);
    }

    public static ObjectNode data(UUID personId, String organization, String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier()
                .setSystem("urn:oid:2.16.840.1.113883.3.4421." + organization)
                .setValue(mrn);
        patient.addName().setFamily("Okafor").addGiven("Adaeze");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1984-07-12"));
        ObjectNode data = JSON.createObjectNode();
        data.put("personId", personId.toString());
        data.put("organization", organization);
        data.putObject("identifier")
                .put("system", "urn:oid:2.16.840.1.113883.3.4421." + organization)
                .put("value", mrn);
        try {
            data.set("patient", JSON.readTree(FhirSamples.json(patient)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return data;
    }

    /** The merge of {@code merged} into {@code survivor}, on both persons' streams as patient-service writes it. */
    public static void merge(UUID mergeId, UUID survivor, UUID merged) {
        for (UUID person : List.of(merged, survivor)) {
            publish(PatientContracts.PERSONS_MERGED.typeName(), person, (ObjectNode) ContractJson.tree(
                    ContractJson.write(new PersonsMergedV1(mergeId, person, survivor, merged, "one patient", null))));
        }
    }

    /** The merge undone, on both streams. */
    public static void unmerge(UUID mergeId, UUID survivor, UUID merged) {
        for (UUID person : List.of(merged, survivor)) {
            publish(PatientContracts.PERSONS_UNMERGED.typeName(), person, (ObjectNode) ContractJson.tree(
                    ContractJson.write(new PersonsUnmergedV1(mergeId, person, survivor, merged, "two patients"))));
        }
    }

    /** Publishes one event of {@code type} about {@code personId} and waits for the broker's acknowledgement. */
    public static void publish(String type, UUID personId, ObjectNode data) {
        RecordedEvent event = new RecordedEvent(
                POSITION.incrementAndGet(),
                "person-" + personId,
                1,
                UUID.randomUUID(),
                type,
                personId.toString(),
                data.toString(),
                new EventMetadata(
                        UUID.randomUUID().toString(),
                        null,
                        "registrar",
                        data.path("organization").asText()),
                Instant.now());
        try {
            producer()
                    .send(ChartStreamCloudEvents.toProducerRecord(TOPIC, event, "patient-service"))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
