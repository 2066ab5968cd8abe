package io.chartstream.portal.views;

import io.chartstream.contracts.Topics;
import io.chartstream.contracts.portal.PortalContracts;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each view of a patient's own record is published for the exchange's audit trail, on real PostgreSQL and Kafka. */
@QuarkusTest
class PatientViewsTest {

    @Test
    void viewingTheRecordPageAndTheApiPublishesARecordViewedEventForThatPerson() {
        UUID person = UUID.randomUUID();
        String token = TestTokens.patient("alice", person.toString());
        given().auth().oauth2(token).get("/record").then().statusCode(200);
        given().auth().oauth2(token).get("/api/record").then().statusCode(200);

        var viewed = TopicReader.await(
                Topics.PORTAL_EVENTS,
                TopicReader.ofType(PortalContracts.RECORD_VIEWED.typeName()).and(TopicReader.about(person.toString())),
                2,
                Duration.ofSeconds(15));

        assertEquals(2, viewed.size());
        String pages = (TopicReader.value(viewed.get(0)) + TopicReader.value(viewed.get(1))).replace(" ", "");
        assertTrue(pages.contains("\"what\":\"record\"") && pages.contains("\"what\":\"api/record\""), pages);
        assertTrue(pages.contains("\"actor\":\"alice\""), pages);
    }
}
