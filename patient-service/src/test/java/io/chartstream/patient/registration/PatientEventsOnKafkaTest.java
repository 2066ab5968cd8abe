package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The events leave through the outbox and really reach Kafka as CloudEvents keyed by the person. */
@QuarkusTest
class PatientEventsOnKafkaTest {

    private static final String TOPIC = Topics.PATIENT_EVENTS;

    @Test
    void registrationAndLinkReachKafkaAsCloudEventsKeyedByPerson() throws Exception {
        String family = unique("Lopez");
        var atRiverside = patient("urn:riverside-clinic:mrn", unique("R"), "Ana", family, "1980-05-17");
        atRiverside
                .addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("+1 555 0100");
        atRiverside.setGender(Enumerations.AdministrativeGender.FEMALE);
        String personId = parse(register(RIVERSIDE, atRiverside)
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();
        // St Mary's own MRN, and a certain match: same name, birth date, gender and phone
        var atStMarys = patient("urn:st-marys-hospital:mrn", unique("SM"), "Ana", family, "1980-05-17");
        atStMarys.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+1 555 0100");
        atStMarys.setGender(Enumerations.AdministrativeGender.FEMALE);
        register(ST_MARYS, atStMarys).then().statusCode(201);

        List<ConsumerRecord<String, byte[]>> records = recordsKeyed(personId, 2, Duration.ofSeconds(30));

        assertEquals(2, records.size(), "both events of the person, and no more");
        ConsumerRecord<String, byte[]> registered = records.get(0);
        assertEquals(PatientContracts.PATIENT_REGISTERED.typeName(), header(registered, CloudEventHeaders.TYPE));
        assertEquals(personId, header(registered, CloudEventHeaders.SUBJECT));
        UUID.fromString(header(registered, CloudEventHeaders.ID));
        assertEquals("patient-service", header(registered, CloudEventHeaders.SOURCE));
        assertEquals("person-" + personId, header(registered, CloudEventHeaders.header(CloudEventHeaders.STREAM_ID)));
        assertEquals("1", header(registered, CloudEventHeaders.header(CloudEventHeaders.STREAM_VERSION)));
        assertEquals(RIVERSIDE, header(registered, CloudEventHeaders.header(CloudEventHeaders.ORGANIZATION)));
        assertEquals("dr.rivera", header(registered, CloudEventHeaders.header(CloudEventHeaders.ACTOR)));
        JsonNode data = new ObjectMapper().readTree(registered.value());
        assertEquals(personId, data.get("personId").asText(), "the value is the event's data");
        assertEquals("Patient", data.get("patient").get("resourceType").asText());

        ConsumerRecord<String, byte[]> linked = records.get(1);
        assertEquals(PatientContracts.IDENTIFIER_LINKED.typeName(), header(linked, CloudEventHeaders.TYPE));
        assertEquals(personId, header(linked, CloudEventHeaders.SUBJECT));
        assertEquals(ST_MARYS, header(linked, CloudEventHeaders.header(CloudEventHeaders.ORGANIZATION)));
        assertEquals(registered.partition(), linked.partition(), "one person, one partition, in order");
    }

    /** The person's records: waits for {@code expected}, then reads on briefly, so a duplicate would show. */
    private static List<ConsumerRecord<String, byte[]>> recordsKeyed(String key, int expected, Duration timeout) {
        TopicReader.await(TOPIC, r -> key.equals(r.key()), expected, timeout);
        return TopicReader.await(TOPIC, r -> key.equals(r.key()), expected + 1, Duration.ofSeconds(3));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
