package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.entry.application.ClinicalEntryQueries;
import io.chartstream.clinical.entry.application.ClinicalEntryService;
import io.chartstream.clinical.entry.application.EntryWritten;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.EnterInError;
import io.chartstream.clinical.entry.domain.EntryRejected;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.clinical.entry.domain.Provenance;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * A FHIR DELETE of an entry: its current version marked entered-in-error with HAPI, then the
 * withdrawal decided on exactly that version. Without If-Match, an amendment that lands between
 * the read and the append is read again and the withdrawal retried (three times at most): the
 * caller asked for the entry to go, whatever its version. With If-Match it is the caller's 412.
 */
@ApplicationScoped
public class EntryWithdrawals {

    private static final int ATTEMPTS = 3;

    private final ClinicalEntryQueries queries;
    private final ClinicalEntryService service;
    private final FhirEntries entries;

    public EntryWithdrawals(ClinicalEntryQueries queries, ClinicalEntryService service, FhirEntries entries) {
        this.queries = queries;
        this.service = service;
        this.entries = entries;
    }

    /** {@code expected}: the If-Match version, null when none was sent. */
    public EntryWritten withdraw(EntryType type, UUID entryId, Long expected, Provenance by, EventMetadata metadata)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            StoredEntry entry = queries.current(type, entryId)
                    .orElseThrow(() -> ClinicalEntryResource.notFound(type, entryId.toString()));
            // another organization's refusal (403) comes from the decider, before any version talk
            if (expected != null
                    && expected != entry.version()
                    && !entry.enteredInError()
                    && entry.organization().equals(by.organization())) {
                throw FhirProblem.preconditionFailed(
                        "the entry is at version " + entry.version() + ", If-Match names version " + expected);
            }
            FhirJson marked = entry.enteredInError()
                    ? new FhirJson(entry.resource())
                    : entries.enteredInError(entry.resource(), entryId, entry.version() + 1, Instant.now());
            try {
                return service.enterInError(new EnterInError(entryId, entry.version(), type, marked, by), metadata);
            } catch (StreamConflictException | EntryRejected e) {
                boolean changedMeanwhile = e instanceof StreamConflictException
                        || ((EntryRejected) e).reason() == EntryRejected.Reason.VERSION_MISMATCH;
                if (!changedMeanwhile) {
                    throw e;
                }
                if (expected != null || attempt == ATTEMPTS) {
                    throw FhirProblem.preconditionFailed("the entry changed meanwhile; read it again");
                }
            }
        }
    }
}
