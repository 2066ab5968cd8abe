package io.chartstream.exchange.view.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.Topics;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.personsMerged;
import static io.chartstream.exchange.support.RecordEvents.personsUnmerged;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.chartstream.exchange.view.infrastructure.OrgViewsTest.everything;
import static io.chartstream.exchange.view.infrastructure.OrgViewsTest.newOrg;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Views following a merge and an unmerge of two persons (decisions §21), from real patient and
 * clinical CloudEvents on Kafka, read through the gateway.
 */
@QuarkusTest
class MergedViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMergeShowsBothRecordsUnderTheSurvivorToEachOrganizationInCareAndAnUnmergeUndoesIt() throws Exception {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        String stranger = newOrg("northside");
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID atClinic = UUID.randomUUID();
        UUID atHospital = UUID.randomUUID();
        UUID merge = UUID.randomUUID();
        publish(patientRegistered(survivor, clinic, "R-1"));
        publish(observationRecorded(survivor, clinic, atClinic, 6.1));
        publish(patientRegistered(merged, hospital, "H-1"));
        String before = publish(observationRecorded(merged, hospital, atHospital, 7.2));
        everything(hospital, merged, before).statusCode(200).body("total", equalTo(2));

        publish(personsMerged(merged, merge, survivor, merged, 2));
        String mergedAt = publish(personsMerged(survivor, merge, survivor, merged, 2));

        for (String org : List.of(clinic, hospital)) {
            everything(org, survivor, mergedAt)
                    .statusCode(200)
                    .body("total", equalTo(4))
                    .body(
                            "entry.resource.id",
                            containsInAnyOrder(
                                    survivor.toString(),
                                    merged.toString(),
                                    atClinic.toString(),
                                    atHospital.toString()));
        }
        // the merged id reads as the survivor's record; each Patient says which replaced which
        everything(hospital, merged, null)
                .statusCode(200)
                .body("total", equalTo(4))
                .body("entry.find { it.resource.id == '" + merged + "' }.resource.link[0].type", equalTo("replaced-by"))
                .body(
                        "entry.find { it.resource.id == '" + merged + "' }.resource.link[0].other.reference",
                        equalTo("Patient/" + survivor))
                .body("entry.find { it.resource.id == '" + survivor + "' }.resource.link[0].type", equalTo("replaces"));
        // no basis with either person: nothing
        everything(stranger, survivor, null).statusCode(404);
        // the clinic's feed tells it: the merged person's Patient (replaced-by) and its entry are added
        List<JsonNode> clinicFeed = feed(clinic, 5);
        assertEquals(
                "replaced-by",
                change(clinicFeed, "added", merged.toString())
                        .at("/resource/link/0/type")
                        .asText());
        assertEquals(
                survivor.toString(),
                change(clinicFeed, "added", atHospital.toString())
                        .path("personId")
                        .asText());

        // written for the survivor by the hospital, whose own identifier names the merged person
        UUID afterMerge = UUID.randomUUID();
        String written = publish(observationRecorded(survivor, hospital, afterMerge, 8.0));
        everything(clinic, survivor, written).statusCode(200).body("total", equalTo(5));

        publish(personsUnmerged(survivor, merge, survivor, merged, 3));
        String unmerged = publish(personsUnmerged(merged, merge, survivor, merged, 3));

        everything(clinic, survivor, unmerged)
                .statusCode(200)
                .body("total", equalTo(2))
                .body("entry.resource.id", containsInAnyOrder(survivor.toString(), atClinic.toString()))
                .body("entry[0].resource.link", nullValue());
        everything(hospital, merged, unmerged)
                .statusCode(200)
                .body("total", equalTo(3))
                .body(
                        "entry.resource.id",
                        containsInAnyOrder(merged.toString(), atHospital.toString(), afterMerge.toString()));
        everything(hospital, survivor, null).statusCode(404);
        List<JsonNode> removed = feed(clinic, 8).stream()
                .filter(n -> "removed".equals(n.path("change").asText()))
                .toList();
        assertEquals(
                List.of(afterMerge.toString(), atHospital.toString(), merged.toString()).stream()
                        .sorted()
                        .toList(),
                removed.stream()
                        .map(n -> n.at("/resource/id").asText())
                        .sorted()
                        .toList());
        everything(clinic, survivor, null).body("entry.resource.id", not(hasItem(atHospital.toString())));
    }

    @Test
    void theMostProtectiveConsentOfTheTwoHoldsWhileMergedAndEachPersonsOwnAfterAnUnmerge() {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID atClinic = UUID.randomUUID();
        UUID merge = UUID.randomUUID();
        publish(patientRegistered(survivor, clinic, "R-2"));
        publish(observationRecorded(survivor, clinic, atClinic, 5.5));
        String registered = publish(patientRegistered(merged, hospital, "H-2"));
        everything(hospital, merged, registered).statusCode(200);
        // the merged person blocked the clinic; the survivor never recorded a consent
        String blocked = GatewayCalls.consent(merged, new SharingChoices(false, Set.of(clinic), Set.of(), Set.of()));
        everything(hospital, merged, blocked).statusCode(200);

        publish(personsMerged(merged, merge, survivor, merged, 2));
        String mergedAt = publish(personsMerged(survivor, merge, survivor, merged, 2));

        assertEquals(0, observations(clinic, survivor, mergedAt), "blocked by one of the two: sees nothing of either");
        assertEquals(1, observations(hospital, survivor, null), "the hospital is not blocked: sees the clinic's entry");

        String unmerged = publish(personsUnmerged(merged, merge, survivor, merged, 3));
        assertEquals(1, observations(clinic, survivor, unmerged), "the survivor's own consent again");
        assertEquals(0, observations(hospital, merged, null));
    }

    /** Observations in the organization's answer to $everything (none when it is a 404). */
    private static int observations(String org, UUID person, String after) {
        String body = everything(org, person, after).extract().asString();
        JsonNode entries = json(body).path("entry");
        int count = 0;
        for (JsonNode entry : entries) {
            count += "Observation".equals(entry.at("/resource/resourceType").asText()) ? 1 : 0;
        }
        return count;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> feed(String org, int atLeast) {
        return TopicReader.await(Topics.feedOf(org), r -> true, atLeast, Duration.ofSeconds(20)).stream()
                .map(MergedViewsTest::json)
                .toList();
    }

    private static JsonNode change(List<JsonNode> feed, String change, String resourceId) {
        return feed.stream()
                .filter(n -> change.equals(n.path("change").asText())
                        && resourceId.equals(n.at("/resource/id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + change + " of " + resourceId + " in " + feed));
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
