package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.domain.DisclosureEntries;
import io.chartstream.exchange.audit.domain.TimeOrderedIds;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disclosure log chains each group after the head it appended last, without reading it: when
 * another writer (the trail's projection, an administrator's action) appended in between, the
 * group is chained after that record instead, and the chain stays one unbroken line. A group that
 * fails fails only its own callers.
 */
@QuarkusTest
class DisclosureLogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DisclosureLog disclosures;

    @Inject
    AuditAppender otherWriter;

    @Inject
    AuditTrail trail;

    @Inject
    Disclosures reads;

    @Inject
    DataSource dataSource;

    @Test
    void aGroupAfterAnotherWritersRecordIsChainedAfterIt() throws Exception {
        UUID person = UUID.randomUUID();
        disclosures.submit(disclosed(person, "first")).await(WAIT);
        AuditEntry admin = ChannelEntries.adminAction("rebuild", "org-views", "ops.bench", Instant.now());
        otherWriter.append(List.of(admin));

        disclosures.submit(disclosed(person, "second")).await(WAIT);
        disclosures.submit(disclosed(person, "third")).await(WAIT);

        List<AuditChain.Link> trailOfPerson = trail.search(
                        new AuditTrail.Query(person, null, null, null, null, null, null, null, 10, 0))
                .links();
        assertEquals(3, trailOfPerson.size());
        AuditChain.Verification verification = trail.verify();
        assertInstanceOf(AuditChain.Intact.class, verification, verification.toString());
    }

    @Test
    void concurrentGroupsAndAnotherWriterLeaveOneChainThatVerifiesIntact() throws Exception {
        UUID person = UUID.randomUUID();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                calls.add(callers.submit(() -> {
                    if (n % 50 == 0) {
                        otherWriter.append(List.of(
                                ChannelEntries.adminAction("rebuild", "org-views", "ops.bench", Instant.now())));
                    }
                    disclosures.submit(disclosed(person, "concurrent-" + n)).await(WAIT);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdown();
        }
        AuditTrail.Page trailOfPerson =
                trail.search(new AuditTrail.Query(person, null, null, null, null, null, null, null, 500, 0));
        assertEquals(400, trailOfPerson.total());
        assertEquals(
                400,
                trailOfPerson.links().stream()
                        .map(l -> l.entry().entities())
                        .distinct()
                        .count(),
                "each record once");
        AuditChain.Verification verification = trail.verify();
        assertInstanceOf(AuditChain.Intact.class, verification, verification.toString());
    }

    @Test
    void aGroupWhoseConnectionIsKilledWhileItCommitsFailsOnlyItsCallersAndTheGroupsAfterItCommit() throws Exception {
        UUID person = UUID.randomUUID();
        ActingParty doomedCaller = new ActingParty("riverside-clinic", "dr.doomed", null);
        ActingParty caller = new ActingParty("riverside-clinic", "dr.chen", null);
        // A deferred trigger holds the doomed record's group in its commit (the append lock and the
        // head row held), so that the next records wait behind it.
        execute("""
                create function audit.hold_doomed_commit() returns trigger language plpgsql as $$
                begin
                    if new.agent_user = 'dr.doomed' then perform pg_sleep(30); end if;
                    return null;
                end $$;
                create constraint trigger hold_doomed_commit after insert on audit.audit_log
                    deferrable initially deferred for each row execute function audit.hold_doomed_commit();
                """);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            Future<?> doomed = callers.submit(
                    () -> reads.record(person, doomedCaller, "Patient/$everything", "TREAT", List.of("Observation/x")));
            int committing = Eventually.get(() -> backend("wait_event = 'PgSleep'"), pid -> pid > 0);
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String observation = "Observation/behind-" + i;
                others.add(callers.submit(
                        () -> reads.record(person, caller, "Patient/$everything", "TREAT", List.of(observation))));
            }
            execute("select pg_terminate_backend(" + committing + ")");

            ExecutionException refused = assertThrows(ExecutionException.class, doomed::get);
            assertInstanceOf(RetryLater.class, refused.getCause(), refused.toString());
            // refused because its commit failed, not because it waited too long
            EventStoreException failed = assertInstanceOf(
                    EventStoreException.class, refused.getCause().getCause());
            assertInstanceOf(SQLException.class, failed.getCause(), failed.toString());
            for (Future<?> other : others) {
                other.get();
            }
        } finally {
            callers.shutdown();
            execute("drop trigger hold_doomed_commit on audit.audit_log; drop function audit.hold_doomed_commit()");
        }
        // the committer writes again, on a fresh connection
        for (int i = 0; i < 4; i++) {
            reads.record(person, caller, "Patient/$everything", "TREAT", List.of("Observation/after-" + i));
        }
        List<AuditChain.Link> trailOfPerson = trail.search(
                        new AuditTrail.Query(person, null, null, null, null, null, null, null, 50, 0))
                .links();
        assertEquals(12, trailOfPerson.size());
        assertTrue(trailOfPerson.stream()
                .noneMatch(l -> "dr.doomed".equals(l.entry().agentUser())));
        AuditChain.Verification verification = trail.verify();
        assertInstanceOf(AuditChain.Intact.class, verification, verification.toString());
    }

    /** The pid of another backend of this database in the state asked for (0: none). */
    private int backend(String state) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pid from pg_stat_activity where datname = current_database()"
                        + " and pid <> pg_backend_pid() and " + state)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static AuditEntry disclosed(UUID person, String observation) {
        Instant now = Instant.now();
        return DisclosureEntries.disclosed(
                TimeOrderedIds.next(now.toEpochMilli()),
                now,
                person,
                "riverside-clinic",
                "dr.chen",
                "TREAT",
                "$everything",
                List.of("Observation/" + observation));
    }
}
