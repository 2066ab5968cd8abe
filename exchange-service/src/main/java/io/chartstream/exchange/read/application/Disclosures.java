package io.chartstream.exchange.read.application;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.eventsourcing.store.GroupAppender;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.exchange.read.domain.DisclosureEvent;
import io.chartstream.fhir.ActingParty;
import io.quarkus.runtime.LaunchMode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends RecordDisclosed to {@code disclosures-<personId>} and commits before the read is
 * answered: no disclosure leaves the gateway unaudited. The relay publishes them on {@link
 * Topics#DISCLOSURES}, apart from the exchange's record topic, so the views never read them. One
 * stream per person keeps a person's access history in order. Concurrent reads' disclosures
 * commit together ({@link GroupAppender}): one transaction for all that arrived while the last
 * one committed, so auditing costs the read path a share of a commit, not a commit of its own.
 */
@ApplicationScoped
public class Disclosures {

    public static final String NO_CARE_RELATIONSHIP = "no-care-relationship";

    /** How long a read waits for its disclosure's commit before it is refused with 503. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(5);

    private final GroupAppender appender;
    private final EventTypes<DisclosureEvent> types;
    private volatile boolean skippedForBenchmark;

    public Disclosures(DataSource dataSource, JdbcEventStore store) {
        this.appender = new GroupAppender(dataSource, store, "disclosure-commits", 256);
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
            } catch (EventStoreException e) {
                throw notAudited(e);
            }
        }
        return disclosed;
    }

    /**
     * Audits a refused read or write of a known person's record, in the person's disclosure
     * stream; when it cannot be recorded, a 503 ({@link #notAudited}) instead of the refusal.
     */
    public void refused(UUID personId, ActingParty caller, String what) {
        try {
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
        } catch (EventStoreException e) {
            throw notAudited(e);
        }
    }

    private void append(UUID personId, ActingParty caller, DisclosureEvent event) {
        appender.append(
                new JdbcEventStore.StreamEvent(
                        "disclosures-" + personId,
                        types.toNew(event, personId.toString()),
                        new EventMetadata(null, null, caller.actor(), caller.organization()),
                        Topics.DISCLOSURES),
                COMMIT_WAIT);
    }

    @PreDestroy
    void close() {
        appender.close();
    }
}
