package io.chartstream.patient.registration;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.patient.merge.application.PersonMerges;
import io.chartstream.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.merge;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.registered;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merges that share a person, sent at the same moment on real PostgreSQL: exactly one wins, the
 * other is a 409 OperationOutcome, and the persons stay a forest (decisions §21).
 */
@QuarkusTest
class RacingMergeTest {

    /** Rounds per scenario: each a fresh set of persons, so each is a race of its own. */
    private static final int ROUNDS = 4;

    @Inject
    DataSource dataSource;

    @Inject
    PersonMerges merges;

    @Test
    void aIntoBAndBIntoAAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = person(RIVERSIDE);
            String b = person(ST_MARYS);

            List<Response> answers = race(() -> merge(b, a, "a into b"), () -> merge(a, b, "b into a"));

            int winner = oneWinsOneConflicts(answers);
            String survivor = winner == 0 ? b : a;
            String mergedOne = winner == 0 ? a : b;
            assertReplacedBy(mergedOne, survivor);
            assertOwnPerson(survivor);
            assertForest(a, b);
        }
    }

    @Test
    void aIntoBAndAIntoCAtOnceOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = person(RIVERSIDE);
            String b = person(ST_MARYS);
            String c = person(ST_MARYS);

            List<Response> answers = race(() -> merge(b, a, "a into b"), () -> merge(c, a, "a into c"));

            int winner = oneWinsOneConflicts(answers);
            String survivor = winner == 0 ? b : c;
            String loser = winner == 0 ? c : b;
            assertReplacedBy(a, survivor);
            assertTrue(parse(read(loser)).getLink().isEmpty(), "the loser replaces no one");
            assertEquals(List.of(survivor), survivorRows(a), "A is merged into one survivor");
            assertForest(a, b, c);
        }
    }

    /**
     * A into B racing B into C: when B into C is first, B is no longer a person of its own and A
     * into B is refused (409); when A into B is first, B may still be merged on, taking A with
     * it (a chain, decisions §21). Never a cycle, never A under two survivors.
     */
    @Test
    void aIntoBWhileBIsMergedIntoCIsRefusedOrChained() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = person(RIVERSIDE);
            String b = person(ST_MARYS);
            String c = person(ST_MARYS);

            List<Response> answers = race(() -> merge(b, a, "a into b"), () -> merge(c, b, "b into c"));

            assertEquals(
                    200,
                    answers.get(1).statusCode(),
                    "B into C is never refused: " + answers.get(1).asString());
            assertReplacedBy(b, c);
            if (answers.get(0).statusCode() == 200) {
                assertReplacedBy(a, b);
                assertEquals(List.of(b), survivorRows(a), "A follows B into C");
            } else {
                assertConflict(answers.get(0));
                assertTrue(answers.get(0)
                        .jsonPath()
                        .getString("issue[0].diagnostics")
                        .contains("merged into " + c));
                assertOwnPerson(a);
            }
            assertOwnPerson(c);
            assertForest(a, b, c);
        }
    }

    /**
     * B into A arrives while A into B is written but not committed: it waits for both persons'
     * locks, then is decided on A into B and refused, saying so.
     */
    @Test
    void bIntoAWaitsForAIntoBAndIsRefused() throws Exception {
        String a = person(RIVERSIDE);
        String b = person(ST_MARYS);
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            merges.merge(first, UUID.fromString(b), UUID.fromString(a), "a into b", null, EventMetadata.none());

            Future<Response> racing = second.submit(() -> merge(a, b, "b into a"));
            Eventually.within(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(this::aMergeWaitsOnALock);
            first.commit();

            Response refused = racing.get(60, TimeUnit.SECONDS);
            assertEquals(409, refused.statusCode(), refused.asString());
            assertEquals("OperationOutcome", refused.jsonPath().getString("resourceType"));
            assertTrue(refused.jsonPath().getString("issue[0].diagnostics").contains("merged into " + b));
            assertReplacedBy(a, b);
            assertForest(a, b);
        } finally {
            second.shutdownNow();
        }
    }

    private static String person(String org) {
        String system = RIVERSIDE.equals(org) ? "urn:riverside-clinic:mrn" : "urn:st-marys-hospital:mrn";
        return registered(org, system, unique("M"), "Race", unique("Runner"));
    }

    @SafeVarargs
    private static List<Response> race(Supplier<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Supplier<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The index of the 200; the other must be a 409 OperationOutcome. */
    private static int oneWinsOneConflicts(List<Response> answers) {
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertTrue(
                statuses.equals(List.of(200, 409)) || statuses.equals(List.of(409, 200)),
                "one 200, one 409: " + statuses + " "
                        + answers.stream().map(Response::asString).toList());
        int winner = statuses.indexOf(200);
        assertConflict(answers.get(1 - winner));
        return winner;
    }

    private static void assertConflict(Response loser) {
        assertEquals(409, loser.statusCode());
        assertEquals("OperationOutcome", loser.jsonPath().getString("resourceType"));
        assertEquals("conflict", loser.jsonPath().getString("issue[0].code"));
    }

    private static void assertReplacedBy(String merged, String survivor) {
        Patient patient = parse(read(merged));
        assertFalse(patient.getActive());
        List<String> replacedBy = patient.getLink().stream()
                .filter(l -> l.getType() == Patient.LinkType.REPLACEDBY)
                .map(l -> l.getOther().getReference())
                .toList();
        assertEquals(List.of("Patient/" + survivor), replacedBy);
        Patient survivorPatient = parse(read(survivor));
        assertTrue(
                survivorPatient.getLink().stream()
                        .anyMatch(l -> l.getType() == Patient.LinkType.REPLACES
                                && l.getOther().getReference().equals("Patient/" + merged)),
                "the survivor replaces " + merged);
    }

    private static void assertOwnPerson(String person) {
        assertTrue(
                parse(read(person)).getLink().stream().noneMatch(l -> l.getType() == Patient.LinkType.REPLACEDBY),
                person + " is a person of its own");
    }

    /** From mpi_merge: every chain of the given persons ends, and each is merged at most once. */
    private void assertForest(String... persons) throws Exception {
        for (String p : persons) {
            assertTrue(survivorRows(p).size() <= 1, p + " merged into " + survivorRows(p));
            Set<String> seen = new HashSet<>();
            String current = p;
            while (!survivorRows(current).isEmpty()) {
                assertTrue(seen.add(current), "a cycle through " + seen);
                current = survivorRows(current).get(0);
            }
        }
    }

    private List<String> survivorRows(String merged) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select survivor_person_id from mpi_merge where merged_person_id = ?")) {
            ps.setObject(1, UUID.fromString(merged));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private boolean aMergeWaitsOnALock() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
