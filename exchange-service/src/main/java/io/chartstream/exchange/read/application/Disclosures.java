package io.chartstream.exchange.read.application;

import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.eventsourcing.store.GroupCommit;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.DisclosureEntries;
import io.chartstream.exchange.audit.domain.TimeOrderedIds;
import io.chartstream.exchange.audit.infrastructure.DisclosureLog;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.fhir.ActingParty;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Audits every answer about a person's record before it leaves the gateway: the disclosure (who,
 * which organization, under which purpose of use, what, and every resource disclosed) or the
 * refusal is a record in the hash-chained audit trail, committed before the answer is sent. No
 * disclosure leaves unaudited: when its record cannot be committed, the answer is a 503.
 */
@ApplicationScoped
public class Disclosures {

    /** How long a read waits for its disclosure's commit before it is refused with 503. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(5);

    private final DisclosureLog log;
    private volatile boolean skippedForBenchmark;

    public Disclosures(DisclosureLog log) {
        this.log = log;
    }

    /**
     * Reads without their audit record, to measure what auditing costs (AuditCostBenchmark
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
     * A disclosure whose audit record is being committed: the answer may be prepared meanwhile,
     * but it leaves only after {@link #awaitRecorded} returned.
     */
    public static final class Pending {

        private static final Pending SKIPPED = new Pending(null);

        private final GroupCommit<AuditEntry>.Commit commit;

        private Pending(GroupCommit<AuditEntry>.Commit commit) {
            this.commit = commit;
        }

        /** Returns once the record is committed; else a 503 ({@link #notAudited}), and nothing may be disclosed. */
        public void awaitRecorded() {
            if (commit == null) {
                return;
            }
            try {
                commit.await(COMMIT_WAIT);
            } catch (EventStoreException e) {
                throw notAudited(e);
            }
        }
    }

    /**
     * Starts auditing a disclosure; {@code resources} are the disclosed resources as "Type/id".
     * The caller prepares its answer and sends it only after {@link Pending#awaitRecorded}.
     */
    public Pending disclose(
            UUID personId, ActingParty caller, String what, String purposeOfUse, List<String> resources) {
        if (skippedForBenchmark) {
            return Pending.SKIPPED;
        }
        Instant now = Instant.now();
        return submit(DisclosureEntries.disclosed(
                TimeOrderedIds.next(now.toEpochMilli()),
                now,
                personId,
                caller.organization(),
                caller.actor(),
                purposeOfUse,
                what,
                resources));
    }

    /**
     * Audits a disclosure before it is answered; when it cannot be recorded, a 503 ({@link
     * #notAudited}) and nothing is disclosed.
     */
    public void record(UUID personId, ActingParty caller, String what, String purposeOfUse, List<String> resources) {
        disclose(personId, caller, what, purposeOfUse, resources).awaitRecorded();
    }

    /**
     * Audits a refused read or write of a known person's record; when it cannot be recorded, a 503
     * ({@link #notAudited}) instead of the refusal.
     */
    public void refused(UUID personId, ActingParty caller, String what) {
        Instant now = Instant.now();
        submit(DisclosureEntries.refused(
                        TimeOrderedIds.next(now.toEpochMilli()),
                        now,
                        personId,
                        caller.organization(),
                        caller.actor(),
                        what))
                .awaitRecorded();
    }

    private Pending submit(AuditEntry entry) {
        try {
            return new Pending(log.submit(entry));
        } catch (EventStoreException e) {
            throw notAudited(e);
        }
    }
}
