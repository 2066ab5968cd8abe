package io.chartstream.exchange.view.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static io.chartstream.exchange.support.RecordEvents.labelledObservationRecorded;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.personsMerged;
import static io.chartstream.exchange.support.RecordEvents.personsUnmerged;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.chartstream.exchange.view.infrastructure.OrgViewsTest.everything;
import static io.chartstream.exchange.view.infrastructure.OrgViewsTest.newOrg;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin rebuild of org-views from offset 0 into a shadow schema, with merges, an unmerge, a
 * merge again and a consent in the log, swaps in the same views as the live ones (decisions §21).
 */
@QuarkusTest
class MergedViewsRebuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = Projection.schemaOf(OrgViewsProjection.NAME);

    @Inject
    DataSource dataSource;

    @Test
    void aRebuildWithMergesAndUnmergesInTheLogGivesTheSameViews() throws Exception {
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        String lab = newOrg("lakeside-lab");
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID firstMerge = UUID.randomUUID();
        UUID secondMerge = UUID.randomUUID();
        UUID thirdMerge = UUID.randomUUID();
        publish(patientRegistered(survivor, clinic, "R-1"));
        publish(observationRecorded(survivor, clinic, UUID.randomUUID(), 6.1));
        publish(patientRegistered(merged, hospital, "H-1"));
        publish(observationRecorded(merged, hospital, UUID.randomUUID(), 7.2));
        publish(patientRegistered(third, lab, "L-1"));
        publish(labelledObservationRecorded(third, lab, UUID.randomUUID(), 5.9, "PSY"));
        // merged, an entry written for the survivor by the clinic meanwhile, unmerged, merged again.
        // Not here: an entry written for the survivor by the hospital, which holds only the merged
        // person's identifier: its owner is decided when it is applied (decision 21), and a rebuild
        // may apply it before the merge (decisions §24)
        publish(personsMerged(merged, firstMerge, survivor, merged, 2));
        String mergedAt = publish(personsMerged(survivor, firstMerge, survivor, merged, 2));
        everything(clinic, survivor, mergedAt).statusCode(200);
        publish(observationRecorded(survivor, clinic, UUID.randomUUID(), 8.0));
        publish(personsUnmerged(survivor, firstMerge, survivor, merged, 3));
        publish(personsUnmerged(merged, firstMerge, survivor, merged, 3));
        // the lab's person joins the survivor for good; then the hospital's again
        publish(personsMerged(third, secondMerge, survivor, third, 2));
        publish(personsMerged(survivor, secondMerge, survivor, third, 4));
        publish(personsMerged(merged, thirdMerge, survivor, merged, 4));
        publish(personsMerged(survivor, thirdMerge, survivor, merged, 5));
        // the hospital's person withholds mental health: the whole group's is withheld. (Not a block of
        // an organization registering a person of the group: whether that ends a relationship or
        // never starts one depends on which topic a rebuild reads first; decisions §24)
        String last = GatewayCalls.consent(merged, new SharingChoices(false, Set.of(), Set.of("PSY"), Set.of()));
        List<String> orgs = List.of(clinic, hospital, lab);
        List<UUID> persons = List.of(survivor, merged, third);
        // three Patients and three Observations: the lab's mental health entry is withheld from the clinic
        Eventually.assertThat(
                () -> everything(clinic, survivor, last).statusCode(200).body("total", equalTo(6)));

        TreeMap<String, String> live = views(orgs, persons);
        List<String> liveRows = rows(orgs);
        assertTrue(
                live.get(hospital + " " + third)
                        .lines()
                        .anyMatch(line -> line.startsWith("Patient/" + third)
                                && line.endsWith(" replaced-by Patient/" + survivor)),
                live.toString());
        assertEquals(
                Stream.of(merged + " -> " + survivor, third + " -> " + survivor)
                        .sorted()
                        .toList(),
                merges(persons),
                "the unmerged merge is gone, the later two are recorded");

        rebuild();

        assertEquals(live, views(orgs, persons));
        assertEquals(liveRows, rows(orgs));
        assertEquals(
                Stream.of(merged + " -> " + survivor, third + " -> " + survivor)
                        .sorted()
                        .toList(),
                merges(persons));
    }

    private static void rebuild() {
        String admin = TestTokens.withRoles("operator", "hie-admin");
        given().auth()
                .oauth2(admin)
                .post("/admin/projections/" + OrgViewsProjection.NAME + "/rebuild")
                .then()
                .statusCode(202);
        Eventually.assertThat(
                Duration.ofSeconds(180),
                () -> given().auth()
                        .oauth2(admin)
                        .get("/admin/projections/" + OrgViewsProjection.NAME + "/rebuild")
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("done")));
    }

    /**
     * What each organization reads as each person: the status, and per entry its id, version and
     * Patient.link, in a stable order.
     */
    private static TreeMap<String, String> views(List<String> orgs, List<UUID> persons) throws Exception {
        TreeMap<String, String> views = new TreeMap<>();
        for (String org : orgs) {
            for (UUID person : persons) {
                ExtractableResponse<Response> answer =
                        everything(org, person, null).extract();
                if (answer.statusCode() != 200) {
                    views.put(org + " " + person, String.valueOf(answer.statusCode()));
                    continue;
                }
                List<String> entries = new ArrayList<>();
                for (JsonNode entry : JSON.readTree(answer.asString()).path("entry")) {
                    JsonNode r = entry.path("resource");
                    StringBuilder line = new StringBuilder(
                            r.path("resourceType").asText() + "/" + r.path("id").asText() + " v"
                                    + r.at("/meta/versionId").asText());
                    for (JsonNode link : r.path("link")) {
                        line.append(' ')
                                .append(link.path("type").asText())
                                .append(' ')
                                .append(link.at("/other/reference").asText());
                    }
                    entries.add(line.toString());
                }
                entries.sort(String::compareTo);
                views.put(org + " " + person, String.join("\n", entries));
            }
        }
        return views;
    }

    /** The organizations' view rows, whole. */
    private List<String> rows(List<String> orgs) throws Exception {
        return query(
                "select organization || ' ' || resource_type || '/' || resource_id || ' ' || person_id || ' v'"
                        + " || version || ' ' || resource::text from "
                        + SCHEMA + ".org_view_resource where organization = any(?)"
                        + " order by organization, resource_type, resource_id",
                orgs.toArray(String[]::new));
    }

    private List<String> merges(List<UUID> persons) throws Exception {
        return query(
                "select merged_person_id || ' -> ' || survivor_person_id from " + SCHEMA
                        + ".person_merge where merged_person_id::text = any(?) order by 1",
                persons.stream().map(UUID::toString).toArray(String[]::new));
    }

    private List<String> query(String sql, String[] values) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.replace("any(?)", "any(?::text[])"))) {
            ps.setArray(1, c.createArrayOf("text", values));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
