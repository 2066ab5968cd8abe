package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;

import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Search results as a FHIR searchset Bundle. */
final class SearchBundles {

    private SearchBundles() {}

    /** {@code patient=<uuid>} or {@code patient=Patient/<uuid>}. */
    static UUID personOf(String patient) {
        if (patient == null || patient.isBlank()) {
            throw FhirProblem.invalid("a search needs patient=<enterprise person id> (or Patient/<id>)");
        }
        String id = patient.strip().startsWith("Patient/")
                ? patient.strip().substring("Patient/".length())
                : patient.strip();
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("patient must be an enterprise person id or Patient/<id>, not " + patient);
        }
    }

    static Bundle searchset(List<StoredEntry> entries, FhirEntries fhir, URI self, URI base) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal(entries.size());
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(self.toString());
        for (StoredEntry entry : entries) {
            bundle.addEntry()
                    .setFullUrl(base.resolve(entry.resourceType() + "/" + entry.entryId())
                            .toString())
                    .setResource(fhir.parseStored(entry.resource()))
                    .getSearch()
                    .setMode(SearchEntryMode.MATCH);
        }
        return bundle;
    }
}
