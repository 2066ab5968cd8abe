package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.entry.application.ClinicalEntryQueries;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * A FHIR {@code batch} of reads ({@code GET Type/id} entries) from the gateway, answered as a
 * {@code batch-response} with each entry as its own read answers it: 200 with the resource and
 * its ETag, 404 not recorded, 410 entered in error. The HL7 intake reads a message's visit,
 * allergies and diagnoses in one call this way, instead of one call each.
 */
@ApplicationScoped
public class EntryReads {

    /** More reads than this in one batch is 413: the HL7 intake needs a message's handful. */
    static final int MAX_READS = 1000;

    private final ClinicalEntryQueries queries;
    private final FhirEntries entries;

    public EntryReads(ClinicalEntryQueries queries, FhirEntries entries) {
        this.queries = queries;
        this.entries = entries;
    }

    public Bundle answer(Bundle batch) throws SQLException {
        if (batch.getEntry().size() > MAX_READS) {
            throw new FhirProblem(
                    413,
                    org.hl7.fhir.r4.model.OperationOutcome.IssueType.TOOLONG,
                    "at most " + MAX_READS + " reads in one batch");
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (int i = 0; i < batch.getEntry().size(); i++) {
            BundleEntryComponent entry = batch.getEntry().get(i);
            if (entry.getRequest().getMethod() != HTTPVerb.GET) {
                throw FhirProblem.invalid("Bundle.entry[" + i + "]: a batch here holds reads (GET Type/id) only");
            }
            read(new IdType(String.valueOf(entry.getRequest().getUrl())), response.addEntry());
        }
        return response;
    }

    private void read(IdType target, BundleEntryComponent answer) throws SQLException {
        Optional<EntryType> type = EntryType.ofResourceType(target.getResourceType());
        Optional<UUID> id = uuid(target.getIdPart());
        Optional<StoredEntry> stored =
                type.isPresent() && id.isPresent() ? queries.current(type.get(), id.get()) : Optional.empty();
        if (stored.isEmpty()) {
            answer.getResponse().setStatus("404 Not Found");
        } else if (stored.get().enteredInError()) {
            answer.getResponse().setStatus("410 Gone");
        } else {
            answer.setResource(entries.parseStored(stored.get().resource()));
            answer.getResponse()
                    .setStatus("200 OK")
                    .setEtag(ETags.of(stored.get().version()));
        }
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
