package io.chartstream.patient.matching.infrastructure;

import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.matching.domain.BlockingKeys;
import io.chartstream.patient.matching.domain.LargeBlocks;
import io.chartstream.patient.matching.domain.MatchRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The blocking index (db/migration/V2_2__match_blocking.sql): each registration's match record
 * filed under its blocking keys; candidates are the records sharing a key, by person.
 */
@Singleton
public class MatchIndex {

    private final int largeBlock;

    /**
     * {@code largeBlock}: the size past which a block is large ({@link LargeBlocks}); 0 reads every
     * block whole (to measure what the rule saves).
     */
    @Inject
    public MatchIndex(@ConfigProperty(name = "chartstream.mpi.large-block", defaultValue = "100") int largeBlock) {
        this.largeBlock = largeBlock;
    }

    /** With the shipped rule, for code that only files (a migration). */
    public MatchIndex() {
        this(LargeBlocks.SIZE);
    }

    /**
     * The records of every person sharing a blocking key with {@code submitted}, except persons
     * the submitting organization registered itself (it is telling us this is someone else); of a
     * large block only what {@link LargeBlocks} reads.
     */
    public Map<UUID, List<MatchRecord>> candidates(Connection c, MatchRecord submitted, String organization) {
        return blocked(c, submitted, organization, largeBlock);
    }

    /**
     * The records of every person sharing a blocking key with {@code submitted}, whoever registered
     * them, large blocks whole ({@code $match} also grades weak candidates as possible).
     */
    public Map<UUID, List<MatchRecord>> candidates(Connection c, MatchRecord submitted) {
        return blocked(c, submitted, null, 0);
    }

    /** {@code largeBlock}: the size past which a block is large, 0 to read every block whole. */
    private Map<UUID, List<MatchRecord>> blocked(
            Connection c, MatchRecord submitted, String excludedOrganization, int largeBlock) {
        String[] keys = BlockingKeys.lookup(submitted).toArray(String[]::new);
        Map<UUID, List<MatchRecord>> byPerson = new LinkedHashMap<>();
        if (keys.length == 0) {
            return byPerson;
        }
        // a key's size is counted only up to the first record past the large block's size, once per key: not
        // materialized, the planner counted again for every row joined (EXPLAIN ANALYZE at a million: 26 ms, not 5)
        String large = largeBlock == 0
                ? "false"
                : "(select count(*) from (select 1 from mpi_blocking_key b where b.key = u.key limit %d) f) > %d"
                        .formatted(largeBlock + 1, largeBlock);
        try (PreparedStatement ps = c.prepareStatement("""
                with k as materialized (select u.key, %s as large from unnest(?::text[]) as u(key))
                select distinct r.record_id, r.person_id, r.given, r.family, r.birth_date, r.gender, r.phone,
                       r.address_line, r.postal_code, r.ssn
                from k join mpi_blocking_key b on b.key = k.key join mpi_match_record r on r.record_id = b.record_id
                where (not k.large or r.phone = ? or r.ssn = ? or r.postal_code = ?
                       or (r.postal_code is null and r.address_line is not null) or ?::boolean)
                  and (?::text is null or not exists (select 1 from mpi_match_record own
                                  where own.person_id = r.person_id and own.organization = ?))
                order by r.record_id
                """.formatted(large))) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setString(2, submitted.phone());
            ps.setString(3, submitted.ssn());
            ps.setString(4, submitted.postalCode());
            ps.setBoolean(5, submitted.postalCode() == null && submitted.addressLine() != null);
            ps.setString(6, excludedOrganization);
            ps.setString(7, excludedOrganization);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date born = rs.getDate(5);
                    byPerson.computeIfAbsent(rs.getObject(2, UUID.class), p -> new ArrayList<>())
                            .add(new MatchRecord(
                                    rs.getString(3),
                                    rs.getString(4),
                                    born == null ? null : born.toLocalDate(),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getString(10)));
                }
            }
            return byPerson;
        } catch (SQLException e) {
            throw new EventStoreException("could not look match candidates up", e);
        }
    }

    /**
     * Records filed under the sound of {@code known}'s full name (decisions §34's frequency),
     * counted only up to {@code atMost} + 1: past that the name is common whatever the rest.
     */
    public long nameRecords(Connection c, MatchRecord known, long atMost) {
        var key = BlockingKeys.nameKey(known);
        if (key.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try (PreparedStatement ps =
                c.prepareStatement("select count(*) from (select 1 from mpi_blocking_key where key = ? limit ?) k")) {
            ps.setString(1, key.get());
            ps.setLong(2, atMost + 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not count the name's records", e);
        }
    }

    /**
     * Records in the index: PostgreSQL's estimate once analyzed (a count at a million reads every
     * row), counted exactly up to {@code countUpTo} while the estimate is smaller.
     */
    public long records(Connection c, long countUpTo) {
        try (PreparedStatement estimate = c.prepareStatement(
                        "select greatest(reltuples, 0)::bigint from pg_class where oid = 'mpi_match_record'::regclass");
                PreparedStatement count =
                        c.prepareStatement("select count(*) from (select 1 from mpi_match_record limit ?) r")) {
            long estimated;
            try (ResultSet rs = estimate.executeQuery()) {
                rs.next();
                estimated = rs.getLong(1);
            }
            if (estimated >= countUpTo) {
                return estimated;
            }
            count.setLong(1, countUpTo);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not count the index's records", e);
        }
    }

    /**
     * Files a registration's record of {@code personId} under its blocking keys, in one statement:
     * the record and its keys in one round trip and one execution (a key is new with its record, so
     * no conflict can arise).
     */
    public void file(Connection c, UUID personId, String organization, MatchRecord r) {
        try (PreparedStatement record = c.prepareStatement("""
                with r as (
                    insert into mpi_match_record (person_id, organization, given, family, birth_date, gender, phone,
                                                  address_line, postal_code, ssn)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning record_id)
                insert into mpi_blocking_key (key, record_id) select k.key, r.record_id from r, unnest(?::text[]) as k(key)
                """)) {
            record.setObject(1, personId);
            record.setString(2, organization);
            record.setString(3, r.given());
            record.setString(4, r.family());
            LocalDate born = r.birthDate();
            if (born == null) {
                record.setNull(5, Types.DATE);
            } else {
                record.setDate(5, Date.valueOf(born));
            }
            record.setString(6, r.gender());
            record.setString(7, r.phone());
            record.setString(8, r.addressLine());
            record.setString(9, r.postalCode());
            record.setString(10, r.ssn());
            record.setArray(11, c.createArrayOf("text", BlockingKeys.of(r).toArray(String[]::new)));
            record.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("could not file the match record", e);
        }
    }

    /**
     * Queues this transaction behind any other registering someone born the same day (a
     * transaction-scoped advisory lock): look-alikes, however misspelt, then see each other.
     */
    public void lockBirthDate(Connection c, LocalDate birthDate) {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "mpi-birth-date|" + birthDate);
            lock.execute();
        } catch (SQLException e) {
            throw new EventStoreException("could not lock the birth date", e);
        }
    }
}
