package io.chartstream.exchange.view.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.contracts.exchange.RemovalReason;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.support.RecordEvents.entryAmended;
import static io.chartstream.exchange.support.RecordEvents.entryEnteredInError;
import static io.chartstream.exchange.support.RecordEvents.identifierLinked;
import static io.chartstream.exchange.support.RecordEvents.matchReviewDecided;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organization views built from real patient and clinical CloudEvents on Kafka, read through the gateway. */
@QuarkusTest
class OrgViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String newOrg(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse everything(String org, UUID person, String after) {
        var request = given().auth().oauth2(TestTokens.clinician("dr.rivera", org));
        if (after != null) {
            request.header("X-ChartStream-After", after);
        }
        return request.when().get("/fhir/Patient/{id}/$everything", person).then();
    }

    @Test
    void organizationThatRegisteredThePersonSeesTheObservation() {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        String registered = publish(patientRegistered(person, org, "MRN-1"));
        String recorded = publish(observationRecorded(person, org, UUID.randomUUID(), 6.1));

        everything(org, person, registered).statusCode(200);
        everything(org, person, recorded)
                .statusCode(200)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(2))
                .body("entry.resource.resourceType", contains("Patient", "Observation"))
                .body("entry[0].resource.id", equalTo(person.toString()))
                .body("entry[1].resource.valueQuantity.value", equalTo(6.1f));
    }

    @Test
    void aReviewDecisionOnThePatientTopicGrantsNothingAndTheViewKeepsFlowing() {
        String org = newOrg("riverside");
        String other = newOrg("st-marys");
        UUID person = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-R"));
        // not a registration or a link: passed over, not parked, and no care relationship for anyone
        publish(matchReviewDecided(person, other, "SM-R", UUID.randomUUID()));
        String recorded = publish(observationRecorded(person, org, UUID.randomUUID(), 5.9));

        everything(org, person, recorded).statusCode(200).body("total", equalTo(2));
        everything(other, person, null).statusCode(404);
    }

    @Test
    void organizationLinkedLaterSeesTheEarlierEntries() {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        UUID person = UUID.randomUUID();
        publish(patientRegistered(person, clinic, "MRN-7"));
        String recorded = publish(observationRecorded(person, clinic, UUID.randomUUID(), 7.2));
        everything(clinic, person, recorded).statusCode(200);

        String linked = publish(identifierLinked(person, hospital, "H-42"));

        everything(hospital, person, linked)
                .statusCode(200)
                .body("entry.resource.resourceType", contains("Patient", "Observation"))
                .body("entry[1].resource.valueQuantity.value", equalTo(7.2f))
                .body("entry[0].resource.identifier.value", hasItem("H-42"));
    }

    @Test
    void organizationWithoutCareRelationshipGetsTheAnswerOfAnUnknownPerson() {
        String clinic = newOrg("riverside");
        UUID person = UUID.randomUUID();
        String registered = publish(patientRegistered(person, clinic, "MRN-9"));
        everything(clinic, person, registered).statusCode(200);

        // the same 404 as a person nobody knows: the answer does not tell that the person exists
        everything(newOrg("northside"), person, null)
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void readWithoutTokenIsUnauthorized() {
        given().when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(401);
        given().when()
                .get("/fhir/Observation?patient={id}", UUID.randomUUID())
                .then()
                .statusCode(401);
    }

    @Test
    void tokenWithoutOrganizationAndPatientRoleAreRefused() {
        given().auth()
                .oauth2(TestTokens.withRoles("nobody", "clinician"))
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void orgSystemSearchesObservationsOfAPatient() {
        String org = newOrg("lab");
        UUID person = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-3"));
        String recorded = publish(observationRecorded(person, org, UUID.randomUUID(), 5.4));
        everything(org, person, recorded).statusCode(200);

        given().auth()
                .oauth2(TestTokens.orgSystem(org))
                .when()
                .get("/fhir/Observation?patient=Patient/{id}", person)
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("entry.resource.resourceType", contains("Observation"));
        given().auth()
                .oauth2(TestTokens.orgSystem(org))
                .when()
                .get("/fhir/Observation?patient=not-a-uuid")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void amendedEntryShowsItsLatestVersionAndAStaleRedeliveryChangesNothing() {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-5"));
        publish(observationRecorded(person, org, entry, 8.0));
        String amended = publish(entryAmended(person, org, entry, 6.5, 2));
        String stale = publish(observationRecorded(person, org, entry, 9.9));

        everything(org, person, amended).statusCode(200);
        everything(org, person, stale)
                .statusCode(200)
                .body("total", equalTo(2))
                .body("entry[1].resource.meta.versionId", equalTo("2"))
                .body("entry[1].resource.valueQuantity.value", equalTo(6.5f));
    }

    @Test
    void feedTopicCarriesViewChangedEventsWithConsecutiveNumbers() throws Exception {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, clinic, "MRN-11"));
        publish(observationRecorded(person, clinic, entry, 8.1));
        String amendedAtClinic = publish(entryAmended(person, clinic, entry, 7.9, 2));
        // Patient and clinical events travel on different topics: let the amendment land before the
        // hospital links, or the hospital would see the Observation added and then amended.
        everything(clinic, person, amendedAtClinic).statusCode(200);
        String linked = publish(identifierLinked(person, hospital, "H-11"));
        everything(hospital, person, linked).statusCode(200);

        List<ConsumerRecord<String, byte[]>> clinicFeed =
                TopicReader.await(Topics.feedOf(clinic), r -> true, 4, Duration.ofSeconds(20));
        assertEquals(List.of(1L, 2L, 3L, 4L), numbers(clinicFeed));
        assertEquals(List.of("added", "added", "amended", "amended"), changes(clinicFeed));
        assertEquals(
                ExchangeContracts.VIEW_CHANGED.typeName(),
                TopicReader.header(clinicFeed.get(0), CloudEventHeaders.TYPE));
        assertEquals(person.toString(), clinicFeed.get(0).key());
        // Patient and clinical events come from different topics, so which of the two amendments
        // (the Observation's, or the Patient's when the hospital linked) is numbered first is not
        // defined; that the Observation's amendment is on the feed is.
        JsonNode amended = clinicFeed.stream()
                .map(r -> {
                    try {
                        return JSON.readTree(TopicReader.value(r));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(n -> "amended".equals(n.path("change").asText())
                        && "Observation"
                                .equals(n.path("resource").path("resourceType").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no amended Observation on the clinic's feed"));
        assertEquals(clinic, amended.path("organization").asText());

        List<ConsumerRecord<String, byte[]>> hospitalFeed =
                TopicReader.await(Topics.feedOf(hospital), r -> true, 2, Duration.ofSeconds(20));
        assertEquals(List.of(1L, 2L), numbers(hospitalFeed));
        assertEquals(List.of("added", "added"), changes(hospitalFeed));
    }

    @Test
    void anEntryEnteredInErrorLeavesEveryViewAndEachFeedSaysWhy() throws Exception {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        publish(patientRegistered(person, clinic, "MRN-E"));
        publish(observationRecorded(person, clinic, kept, 5.4));
        String recorded = publish(observationRecorded(person, clinic, entry, 12.0));
        everything(clinic, person, recorded).statusCode(200).body("total", equalTo(3));
        String linked = publish(identifierLinked(person, hospital, "H-E"));
        everything(hospital, person, linked).statusCode(200).body("total", equalTo(3));

        String withdrawn = publish(entryEnteredInError(person, clinic, entry, 12.0, 2));

        for (String org : List.of(clinic, hospital)) {
            everything(org, person, withdrawn)
                    .statusCode(200)
                    .body("total", equalTo(2))
                    .body("entry.resource.id", not(hasItem(entry.toString())))
                    .body("entry.resource.id", hasItem(kept.toString()));
            given().auth()
                    .oauth2(TestTokens.clinician("dr.rivera", org))
                    .when()
                    .get("/fhir/Observation/{id}", entry)
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(TestTokens.clinician("dr.rivera", org))
                    .queryParam("patient", person.toString())
                    .when()
                    .get("/fhir/Observation")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(1));
        }
        for (String org : List.of(clinic, hospital)) {
            JsonNode removal = TopicReader.await(
                            Topics.feedOf(org),
                            r -> "removed".equals(field(r, "change").asText())
                                    && entry.toString()
                                            .equals(field(r, "resource")
                                                    .path("id")
                                                    .asText()),
                            1,
                            Duration.ofSeconds(20))
                    .stream()
                    .findFirst()
                    .map(r -> field(r, "resource"))
                    .orElseThrow(() -> new AssertionError("no removal of the entry on " + org + "'s feed"));
            assertEquals("Observation", removal.path("resourceType").asText());
            assertEquals("2", removal.at("/meta/versionId").asText());
            assertEquals(RemovalReason.SYSTEM, removal.at("/meta/tag/0/system").asText());
            assertEquals(
                    RemovalReason.ENTERED_IN_ERROR,
                    removal.at("/meta/tag/0/code").asText());
            assertTrue(removal.path("valueQuantity").isMissingNode(), "a removal carries no clinical content");
        }

        // redelivered, or the entry's older events again: nothing comes back
        String again = publish(entryEnteredInError(person, clinic, entry, 12.0, 2));
        String stale = publish(observationRecorded(person, clinic, entry, 12.0));
        everything(hospital, person, again).statusCode(200);
        everything(hospital, person, stale).statusCode(200).body("total", equalTo(2));
        // a relationship that starts later does not bring it back either
        String later = publish(identifierLinked(person, newOrg("northside"), "N-E"));
        everything(hospital, person, later).statusCode(200).body("total", equalTo(2));
    }

    private static List<Long> numbers(List<ConsumerRecord<String, byte[]>> feed) {
        return feed.stream().map(r -> field(r, "eventNumber").asLong()).sorted().toList();
    }

    private static List<String> changes(List<ConsumerRecord<String, byte[]>> feed) {
        return feed.stream()
                .sorted(java.util.Comparator.comparingLong(
                        r -> field(r, "eventNumber").asLong()))
                .map(r -> field(r, "change").asText())
                .toList();
    }

    private static JsonNode field(ConsumerRecord<String, byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).path(name);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
