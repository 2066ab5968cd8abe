package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import io.chartstream.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Racing registrations of one new identifier end in one person, whoever wins. */
@QuarkusTest
class ConcurrentRegistrationTest {

    private static final int RACERS = 6;

    @Inject
    PatientEventLog events;

    @Inject
    DataSource dataSource;

    @Inject
    PersonIndex index;

    @Inject
    PersonRepository persons;

    @Test
    void registrationThatLosesTheIdentifierRaceReturnsTheWinnersPerson() throws Exception {
        String mrn = unique("R");
        Patient ana = patient("urn:riverside-clinic:mrn", mrn, "Ana", unique("Lopez"), null);
        UUID winner = UUID.randomUUID();
        PatientFhirMapper mapper = new PatientFhirMapper(PatientApi.FHIR);
        List<PatientEvent> registered = List.of(new PatientEvent.PatientRegistered(
                winner, RIVERSIDE, new Identifier("urn:riverside-clinic:mrn", mrn), mapper.document(ana)));
        ExecutorService loser = Executors.newSingleThreadExecutor();
        try (Connection winning = dataSource.getConnection()) {
            // given a registration of the same identifier, written but not yet committed
            winning.setAutoCommit(false);
            index.record(winning, registered);
            persons.append(
                    winning,
                    new Decision<>(PersonRepository.streamId(winner), 0, Person.NONE, registered),
                    EventMetadata.none());
            // when another registration of it arrives, it waits on the unique index ...
            Future<Response> racing = loser.submit(() -> register(RIVERSIDE, ana));
            awaitBlockedOnALock(racing);
            // ... until the first commits
            winning.commit();

            Response response = racing.get(60, TimeUnit.SECONDS);
            // then it decides again and finds the first one's person: no second person, no event
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals(winner.toString(), parse(response).getIdElement().getIdPart());
            assertEquals(List.of("person-" + winner), events.streamsMentioning(mrn));
        } finally {
            loser.shutdownNow();
        }
    }

    private boolean someoneWaitsOnTheIndex() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity "
                        + "where wait_event_type = 'Lock' and query like '%mpi_identifier%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private void awaitBlockedOnALock(Future<Response> racing) throws Exception {
        try {
            // generous: the build machine is shared
            Eventually.within(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(this::someoneWaitsOnTheIndex);
            return;
        } catch (ConditionTimeoutException notBlocked) {
            // fall through: say what the database was doing instead
        }
        StringBuilder activity = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select state, wait_event_type, wait_event, query from pg_stat_activity "
                        + "where datname = current_database()")) {
            while (rs.next()) {
                activity.append(rs.getString(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append('\n');
            }
        }
        String outcome =
                racing.isDone() ? racing.get().statusCode() + " " + racing.get().asString() : "still running";
        throw new AssertionError(
                "the second registration never waited on the identifier index; it: " + outcome + "\n" + activity);
    }

    @Test
    void concurrentRegistrationsOfOneNewIdentifierCreateOnePerson() throws Exception {
        String mrn = unique("R");
        // No birth date: no demographic key and so no look-alike lock; only the identifier index guards.
        Patient ana = patient("urn:riverside-clinic:mrn", mrn, "Ana", unique("Lopez"), null);

        List<Response> responses = race(racer -> register(RIVERSIDE, ana));

        assertEquals(
                List.of(200, 201),
                responses.stream().map(Response::statusCode).distinct().sorted().toList(),
                "one creates, the others get the same person: " + statuses(responses));
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(
                1,
                responses.stream()
                        .map(r -> parse(r).getIdElement().getIdPart())
                        .distinct()
                        .count());
        assertEquals(1, events.streamsMentioning(mrn).size(), "exactly one PatientRegistered for the identifier");
    }

    @Test
    void concurrentRegistrationsByTwoOrganizationsLinkToOnePerson() throws Exception {
        String national = unique("N");
        String family = unique("Lopez");

        List<Response> responses = race(racer -> register(
                racer % 2 == 0 ? RIVERSIDE : ST_MARYS,
                patient("urn:national-id", national, "Ana", family, "1980-05-17")));

        assertEquals(
                List.of(),
                responses.stream()
                        .filter(r -> r.statusCode() >= 300)
                        .map(Response::statusCode)
                        .toList());
        List<String> personIds = responses.stream()
                .map(r -> parse(r).getIdElement().getIdPart())
                .distinct()
                .toList();
        assertEquals(1, personIds.size(), "every racer got the same person");
        // one registration by whichever organization won, one link by the other, both on the identifier
        assertEquals(
                List.of(PatientContracts.PATIENT_REGISTERED.typeName(), PatientContracts.IDENTIFIER_LINKED.typeName()),
                events.typesOf(personIds.get(0)));
        assertEquals(
                "identifier",
                new ObjectMapper()
                        .readTree(events.dataOf(personIds.get(0), 2))
                        .get("matchedOn")
                        .asText());
    }

    private static List<Response> race(IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(racer);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String statuses(List<Response> responses) {
        return responses.stream().map(r -> r.statusCode() + " " + r.asString()).collect(Collectors.joining("\n"));
    }
}
