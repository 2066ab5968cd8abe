package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import db.migration.V2_10__backfill_match_blocking;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
import io.chartstream.patient.registration.domain.Demographics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration V2_10 on real PostgreSQL: a person registered before the blocking index (V2_2) has
 * events but no match record, so probabilistic matching cannot find it; after the backfill it is a
 * candidate, and a misspelt registration elsewhere links to it.
 */
@QuarkusTest
class MatchIndexBackfillTest {

    private static final String RIVERSIDE_MRN = "urn:riverside-clinic:mrn";
    private static final String ST_MARYS_MRN = "urn:st-marys-hospital:mrn";
    private static final String PHONE = "6175550199";
    private static final String ADDRESS = "40 Harbor View Lane 02118";

    @Inject
    DataSource dataSource;

    @Inject
    MatchIndex matchIndex;

    @Inject
    PatientEventLog events;

    @Test
    void aPersonRegisteredBeforeTheBlockingIndexIsAMatchCandidateAfterTheBackfill() throws Exception {
        String family = unique("Okonkwo");
        UUID person = personId(
                register(RIVERSIDE, living(patient(RIVERSIDE_MRN, unique("R"), "Adaeze", family, "1971-08-14"))));
        forgetBlockingRows(person);
        MatchRecord misspelt = new Demographics(
                        "Adaze", family, LocalDate.parse("1971-08-14"), "female", PHONE, ADDRESS, null)
                .matchRecord();
        assertFalse(isCandidate(person, misspelt), "without blocking rows the person is no candidate");

        int filed = backfill();

        assertTrue(filed >= 1, "filed " + filed);
        assertTrue(isCandidate(person, misspelt));
        assertEquals(1, recordsOf(person));
        backfill();
        assertEquals(1, recordsOf(person), "a registration with a record is not filed again");

        Response linked =
                register(ST_MARYS, living(patient(ST_MARYS_MRN, unique("SM"), "Adaze", family, "1971-08-14")));
        assertEquals(person, personId(linked));
        assertEquals(
                List.of(PatientContracts.PATIENT_REGISTERED.typeName(), PatientContracts.IDENTIFIER_LINKED.typeName()),
                events.typesOf(person.toString()));
        assertEquals(
                "demographics",
                new ObjectMapper()
                        .readTree(events.dataOf(person.toString(), 2))
                        .get("matchedOn")
                        .asText());
    }

    /** The state of a person registered before V2_2: its events, and nothing in the blocking index. */
    private void forgetBlockingRows(UUID person) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement keys = c.prepareStatement("delete from mpi_blocking_key where record_id in"
                        + " (select record_id from mpi_match_record where person_id = ?)");
                PreparedStatement records = c.prepareStatement("delete from mpi_match_record where person_id = ?")) {
            keys.setObject(1, person);
            keys.executeUpdate();
            records.setObject(1, person);
            assertEquals(1, records.executeUpdate());
        }
    }

    /** Runs the migration's own code on a connection, in one transaction, as Flyway does. */
    private int backfill() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long before = count(c, "select count(*) from mpi_match_record");
            new V2_10__backfill_match_blocking().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
            c.commit();
            return (int) (count(c, "select count(*) from mpi_match_record") - before);
        }
    }

    private boolean isCandidate(UUID person, MatchRecord submitted) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return matchIndex.candidates(c, submitted, ST_MARYS).containsKey(person);
        }
    }

    private long recordsOf(UUID person) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from mpi_match_record where person_id = ?")) {
            ps.setObject(1, person);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Patient living(Patient patient) {
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(PHONE);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress().addLine("40 Harbor View Lane").setPostalCode("02118");
        return patient;
    }

    private static UUID personId(Response registered) {
        return UUID.fromString(parse(registered.then().statusCode(201).extract().response())
                .getIdElement()
                .getIdPart());
    }
}
