package io.chartstream.exchange.read.application;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.exchange.read.domain.DisclosureEvent;
import io.chartstream.fhir.ActingParty;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Appends RecordDisclosed to {@code disclosures-<personId>} and commits before the read is
 * answered: no disclosure leaves the gateway unaudited. The relay publishes them on {@link
 * Topics#DISCLOSURES}, apart from the exchange's record topic, so the views never read them. One stream per person keeps a person's
 * access history in order (the base for hash-chaining it later); a transaction-scoped advisory
 * lock per person serializes concurrent reads of the same person instead of failing them.
 */
@ApplicationScoped
public class Disclosures {

    public static final String NO_CARE_RELATIONSHIP = "no-care-relationship";

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final EventTypes<DisclosureEvent> types;
    private volatile boolean skippedForBenchmark;

    public Disclosures(DataSource dataSource, JdbcEventStore store) {
        this.dataSource = dataSource;
        this.store = store;
        this.types = eventTypes();
    }

    /** The disclosure audit's published events, bound to their contract with the contracts' JSON settings. */
    public static EventTypes<DisclosureEvent> eventTypes() {
        return new EventTypes<DisclosureEvent>(ContractJson.mapper())
                .register(ExchangeContracts.RECORD_DISCLOSED, DisclosureEvent.RecordDisclosed.class)
                .register(ExchangeContracts.ACCESS_REFUSED, DisclosureEvent.AccessRefused.class);
    }

    /**
     * Reads without their RecordDisclosed, to measure what auditing costs (AuditCostBenchmark
     * compares both in one run). Refused outside tests: a running exchange always audits.
     */
    public void skipAuditForBenchmark(boolean skip) {
        if (LaunchMode.current() != LaunchMode.TEST) {
            throw new IllegalStateException("auditing can be skipped only in a test run, to measure its cost");
        }
        skippedForBenchmark = skip;
    }

    /**
     * What a caller answers when a disclosure cannot be audited: 503, try again; the record is
     * never served unaudited.
     */
    public static RetryLater notAudited(Exception cause) {
        return new RetryLater("the disclosure could not be audited, so nothing is disclosed; try again", 1, cause);
    }

    /**
     * Audits a disclosure before it is answered; when it cannot be recorded, a 503 ({@link
     * #notAudited}) and nothing is disclosed.
     */
    @Transactional(rollbackOn = Exception.class)
    public DisclosureEvent.RecordDisclosed record(UUID personId, ActingParty caller, String what, String purposeOfUse) {
        var disclosed = new DisclosureEvent.RecordDisclosed(
                UUID.randomUUID(),
                personId,
                caller.organization(),
                caller.actor(),
                purposeOfUse,
                what,
                Instant.now().toString());
        if (!skippedForBenchmark) {
            try {
                append(personId, caller, disclosed);
            } catch (SQLException | EventStoreException e) {
                throw notAudited(e);
            }
        }
        return disclosed;
    }

    /** Audits a refused read or write of a known person's record, in the person's disclosure stream. */
    @Transactional(rollbackOn = Exception.class)
    public void refused(UUID personId, ActingParty caller, String what) throws SQLException {
        append(
                personId,
                caller,
                new DisclosureEvent.AccessRefused(
                        UUID.randomUUID(),
                        personId,
                        caller.organization(),
                        caller.actor(),
                        what,
                        NO_CARE_RELATIONSHIP,
                        Instant.now().toString()));
    }

    private void append(UUID personId, ActingParty caller, DisclosureEvent event) throws SQLException {
        String stream = "disclosures-" + personId;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, stream);
                ps.execute();
            }
            store.append(
                    c,
                    stream,
                    ExpectedVersion.ANY,
                    List.of(types.toNew(event, personId.toString())),
                    new EventMetadata(null, null, caller.actor(), caller.organization()),
                    Topics.DISCLOSURES);
        }
    }
}
