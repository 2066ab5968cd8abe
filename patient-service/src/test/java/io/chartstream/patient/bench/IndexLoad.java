package io.chartstream.patient.bench;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.JdbcEventStore.StreamEvent;
import io.chartstream.patient.matching.domain.BlockingKeys;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.infrastructure.PatientEventCodec;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills the index with the million once, in bulk, with exactly the rows a registration of a new
 * person writes (RegistrationTransaction): its {@code PatientRegistered} event through the real
 * event store's many-stream append (the production codec makes the JSON), the identifier and
 * exact-match rows of PersonIndex, and the match record with its blocking keys of MatchIndex (by
 * COPY). The events' outbox rows are removed in the same transaction: these persons count as
 * published long ago. A baseline row remembers where the million ends, so each run first cuts the
 * index back to it ({@link #trimToBaseline}).
 */
final class IndexLoad {

    private static final int BATCH = 5_000;

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final PatientEventCodec codec;
    private final ScalePatients patients;

    IndexLoad(DataSource dataSource, JdbcEventStore store, PatientEventCodec codec, ScalePatients patients) {
        this.dataSource = dataSource;
        this.store = store;
        this.codec = codec;
        this.patients = patients;
    }

    /** The persons the baseline says are loaded; 0 when none. */
    long loaded() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    create table if not exists scale_benchmark_baseline (
                        persons bigint not null, max_position bigint not null, max_record_id bigint not null,
                        loaded_at timestamptz not null default now())""");
            try (ResultSet rs = s.executeQuery("select coalesce(max(persons), 0) from scale_benchmark_baseline")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Loads persons {@code from} to {@code to} (exclusive) with {@code threads} loaders, printing progress. */
    void load(int from, int to, int threads) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int b = from; b < to; b += BATCH) {
                int start = b;
                int end = Math.min(to, b + BATCH);
                batches.add(pool.submit(() -> {
                    loadBatch(start, end);
                    return null;
                }));
            }
            int done = 0;
            for (Future<?> f : batches) {
                f.get();
                done++;
                if (done % 20 == 0) {
                    double s = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "  loaded %,d persons in %.0f s (%.0f/s)%n", (long) done * BATCH, s, done * BATCH / s);
                }
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze es_event");
            s.execute("vacuum analyze mpi_identifier");
            s.execute("vacuum analyze mpi_demographics");
            s.execute("vacuum analyze mpi_match_record");
            s.execute("vacuum analyze mpi_blocking_key");
            s.execute("""
                    insert into scale_benchmark_baseline (persons, max_position, max_record_id)
                    select %d, (select max(position) from es_event), (select max(record_id) from mpi_match_record)
                    """.formatted(to));
        }
        System.out.printf("  loaded %,d persons in %.0f s%n", to - from, (System.nanoTime() - started) / 1e9);
    }

    private void loadBatch(int from, int to) throws SQLException {
        List<MillionPersons.Person> persons = MillionPersons.range(from, to);
        List<StreamEvent> events = new ArrayList<>(persons.size());
        StringBuilder identifiers = new StringBuilder();
        StringBuilder demographics = new StringBuilder();
        List<MatchRecord> records = new ArrayList<>(persons.size());
        UUID[] eventIds = new UUID[persons.size()];
        for (MillionPersons.Person p : persons) {
            Demographics d = p.demographics();
            Registration registration = patients.registration(p.organization(), p.mrn(), d, p.city());
            PatientEvent registered = new PatientRegistered(
                    p.personId(),
                    registration.organization(),
                    registration.identifiers().get(0),
                    registration.patient());
            var event = codec.types().toNew(registered, p.personId().toString());
            eventIds[events.size()] = event.eventId();
            events.add(new StreamEvent(
                    PersonRepository.streamId(p.personId()),
                    event,
                    new EventMetadata(UUID.randomUUID().toString(), null, "scale-load", p.organization()),
                    null));
            row(
                    identifiers,
                    registration.identifiers().get(0).system(),
                    registration.identifiers().get(0).value(),
                    p.personId().toString(),
                    p.organization());
            var key = registration.patient().demographics().matchKey();
            if (key.isPresent()) {
                row(
                        demographics,
                        p.personId().toString(),
                        key.get().given(),
                        key.get().family(),
                        key.get().birthDate().toString());
            }
            records.add(registration.patient().demographics().matchRecord());
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            store.appendEach(c, events);
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from es_outbox where position in (select position from es_event where event_id = any(?))")) {
                ps.setArray(1, c.createArrayOf("uuid", eventIds));
                ps.executeUpdate();
            }
            long firstRecordId;
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("select nextval('mpi_match_record_record_id_seq') from generate_series(1, "
                                    + persons.size() + ") order by 1 limit 1")) {
                rs.next();
                firstRecordId = rs.getLong(1);
            }
            StringBuilder matchRecords = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            for (int i = 0; i < persons.size(); i++) {
                MatchRecord r = records.get(i);
                MillionPersons.Person p = persons.get(i);
                String id = Long.toString(firstRecordId + i);
                row(
                        matchRecords,
                        id,
                        p.personId().toString(),
                        p.organization(),
                        r.given(),
                        r.family(),
                        r.birthDate() == null ? null : r.birthDate().toString(),
                        r.gender(),
                        r.phone(),
                        r.addressLine(),
                        r.postalCode(),
                        r.ssn());
                for (String k : BlockingKeys.of(r)) {
                    row(keys, k, id);
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, "mpi_identifier (system, value, person_id, organization)", identifiers);
            copy(copy, "mpi_demographics (person_id, given_key, family_key, birth_date)", demographics);
            copy(
                    copy,
                    "mpi_match_record (record_id, person_id, organization, given, family, birth_date, gender, phone,"
                            + " address_line, postal_code, ssn)",
                    matchRecords);
            copy(copy, "mpi_blocking_key (key, record_id)", keys);
            c.commit();
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private static void copy(CopyManager copy, String table, StringBuilder rows)
            throws SQLException, java.io.IOException {
        copy.copyIn("copy " + table + " from stdin", new StringReader(rows.toString()));
    }

    /** One line of COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String v = values[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    /**
     * Cuts the index back to the loaded million: every row a previous run's registrations wrote
     * (events after the baseline's position, match records after its record id, and the
     * identifiers, exact-match rows and reviews of the persons they made), so each run starts
     * from the same index.
     */
    void trimToBaseline() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // no foreign-key checks while cutting back (the test server's superuser): mpi_blocking_key has no index
            // leading with record_id, so checking each removed match record would scan all its rows
            s.execute("set local session_replication_role = replica");
            s.execute("""
                    create temporary table scale_new_persons on commit drop as
                    select distinct r.person_id from mpi_match_record r
                    where r.record_id > (select max(max_record_id) from scale_benchmark_baseline)
                      and not exists (select 1 from mpi_match_record o where o.person_id = r.person_id
                                      and o.record_id <= (select max(max_record_id) from scale_benchmark_baseline))
                    """);
            s.execute("delete from mpi_demographics where person_id in (select person_id from scale_new_persons)");
            s.execute("delete from mpi_identifier where organization like 'scale-desk-%'");
            s.execute("delete from mpi_match_review");
            s.execute("delete from mpi_merge");
            s.execute("""
                    delete from mpi_blocking_key where record_id > (select max(max_record_id) from scale_benchmark_baseline)""");
            s.execute("""
                    delete from mpi_match_record where record_id > (select max(max_record_id) from scale_benchmark_baseline)""");
            s.execute("""
                    delete from es_outbox where position > (select max(max_position) from scale_benchmark_baseline)""");
            s.execute("""
                    delete from es_outbox_parked where position > (select max(max_position) from scale_benchmark_baseline)""");
            s.execute("""
                    delete from es_event where position > (select max(max_position) from scale_benchmark_baseline)""");
            int removed = s.getUpdateCount();
            c.commit();
            c.setAutoCommit(true);
            for (String table : List.of(
                    "es_event",
                    "es_outbox",
                    "mpi_identifier",
                    "mpi_demographics",
                    "mpi_match_record",
                    "mpi_blocking_key",
                    "mpi_match_review")) {
                s.execute("vacuum analyze " + table);
            }
            System.out.printf("  index cut back to the baseline (%,d events of earlier runs removed)%n", removed);
        }
    }
}
