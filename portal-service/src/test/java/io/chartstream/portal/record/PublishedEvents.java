package io.chartstream.portal.record;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.patient.IdentifierLinkedV1;
import io.chartstream.contracts.patient.IdentifierV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PatientRegisteredV1;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.contracts.patient.RegistrationRevisedV1;
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
 * Publishes real ChartStream CloudEvents to the test Kafka broker, built from the contracts'
 * payload records as patient-service and clinical-service publish them: binary mode, keyed by the person id,
 * FHIR content encoded by HAPI and embedded as a JSON object.
 */
public final class PublishedEvents {

    public static final String PATIENT_TOPIC = Topics.PATIENT_EVENTS;
    public static final String CLINICAL_TOPIC = Topics.CLINICAL_EVENTS;

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final AtomicLong POSITION = new AtomicLong(System.currentTimeMillis());
    private static KafkaProducer<String, byte[]> producer;

    private PublishedEvents() {}

    public static UUID patientRegistered(
            UUID personId, String organization, String system, String value, Patient patient) {
        String data = ContractJson.write(
                new PatientRegisteredV1(personId, organization, new IdentifierV1(system, value), fhirJson(patient)));
        return send(
                PATIENT_TOPIC,
                PatientContracts.PATIENT_REGISTERED.typeName(),
                personId.toString(),
                "person-" + personId,
                1,
                PatientContracts.SOURCE,
                organization,
                data);
    }

    public static UUID identifierLinked(
            UUID personId, String organization, String system, String value, Patient patient, long version) {
        String data = ContractJson.write(new IdentifierLinkedV1(
                personId,
                organization,
                new IdentifierV1(system, value),
                fhirJson(patient),
                IdentifierLinkedV1.MATCHED_ON_IDENTIFIER));
        return send(
                PATIENT_TOPIC,
                PatientContracts.IDENTIFIER_LINKED.typeName(),
                personId.toString(),
                "person-" + personId,
                version,
                PatientContracts.SOURCE,
                organization,
                data);
    }

    /** Either person's copy of an administrator's merge ({@code unmerge}: its undoing), on {@code personId}'s stream. */
    public static void merge(boolean unmerge, UUID personId, UUID mergeId, UUID survivor, UUID merged, long version) {
        String data = unmerge
                ? ContractJson.write(new PersonsUnmergedV1(mergeId, personId, survivor, merged, "twins"))
                : ContractJson.write(new PersonsMergedV1(mergeId, personId, survivor, merged, "duplicate", null));
        send(
                PATIENT_TOPIC,
                (unmerge ? PatientContracts.PERSONS_UNMERGED : PatientContracts.PERSONS_MERGED).typeName(),
                personId.toString(),
                "person-" + personId,
                version,
                PatientContracts.SOURCE,
                null,
                data);
    }

    /** {@code organization} revised its registration under {@code system|value} (stream version {@code version}). */
    public static UUID registrationRevised(
            UUID personId,
            String organization,
            String system,
            String value,
            Patient patient,
            boolean personDemographics,
            long version) {
        String data = ContractJson.write(new RegistrationRevisedV1(
                personId, organization, new IdentifierV1(system, value), fhirJson(patient), personDemographics));
        return send(
                PATIENT_TOPIC,
                PatientContracts.REGISTRATION_REVISED.typeName(),
                personId.toString(),
                "person-" + personId,
                version,
                PatientContracts.SOURCE,
                organization,
                data);
    }

    /** An entry's first version ({@code ObservationRecorded.v1} and friends); returns the entry id. */
    public static UUID recorded(String type, UUID personId, String organization, Resource resource) {
        UUID entryId = UUID.randomUUID();
        entry(type, entryId, personId, organization, resource, 1);
        return entryId;
    }

    public static UUID amended(UUID entryId, UUID personId, String organization, Resource resource, long version) {
        return entry(ClinicalContracts.ENTRY_AMENDED.typeName(), entryId, personId, organization, resource, version);
    }

    /** Any clinical event; returns the event id. */
    public static UUID entry(
            String type, UUID entryId, UUID personId, String organization, Resource resource, long version) {
        return entry(type, personId.toString(), entryId, personId, organization, resource, version);
    }

    /** A clinical event whose Kafka key / subject may disagree with its personId. */
    public static UUID entry(
            String type,
            String subject,
            UUID entryId,
            UUID personId,
            String organization,
            Resource resource,
            long version) {
        resource.setId(entryId.toString());
        resource.getMeta().setVersionId(Long.toString(version));
        String data = ContractJson.write(new ClinicalEntryV1(
                entryId, personId, organization, "dr.rivera", resource.fhirType(), fhirJson(resource)));
        return send(
                CLINICAL_TOPIC,
                type,
                subject,
                "entry-" + entryId,
                version,
                ClinicalContracts.SOURCE,
                organization,
                data);
    }

    /** An entry's first version whose data lacks {@code field}: it breaks the contract; returns the event id. */
    public static UUID recordedWithout(String field, String type, UUID personId, Resource resource) {
        UUID entryId = UUID.randomUUID();
        resource.setId(entryId.toString());
        resource.getMeta().setVersionId("1");
        ObjectNode data = (ObjectNode) ContractJson.tree(ContractJson.write(new ClinicalEntryV1(
                entryId, personId, "riverside-clinic", "dr.rivera", resource.fhirType(), fhirJson(resource))));
        data.remove(field);
        return send(
                CLINICAL_TOPIC,
                type,
                personId.toString(),
                "entry-" + entryId,
                1,
                ClinicalContracts.SOURCE,
                "riverside-clinic",
                data.toString());
    }

    private static ObjectNode fhirJson(Resource resource) {
        try {
            return (ObjectNode) ContractJson.tree(FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID send(
            String topic,
            String type,
            String subject,
            String streamId,
            long version,
            String source,
            String organization,
            String data) {
        UUID eventId = UUID.randomUUID();
        RecordedEvent event = new RecordedEvent(
                POSITION.incrementAndGet(),
                streamId,
                version,
                eventId,
                type,
                subject,
                data,
                new EventMetadata(UUID.randomUUID().toString(), null, "dr.rivera", organization),
                Instant.now());
        try {
            producer()
                    .send(ChartStreamCloudEvents.toProducerRecord(topic, event, source))
                    .get();
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
