package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.clinical.entry.application.ClinicalEntryQueries;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The person an amendment is about. An entry stays with the person it was written for, through
 * merges and unmerges; a client that followed a merge (FHIR's {@code replaced-by}) names the
 * survivor, or another person of the group, in its amendment. While those are one person, the
 * amendment is the entry's person's and its references to the other id are written as the
 * entry's person, so an unmerge leaves the entry consistent (decisions §26). Any other subject
 * is the decider's to refuse, as before.
 */
@ApplicationScoped
public class AmendmentSubjects {

    private final ClinicalEntryQueries queries;
    private final KnownPersons persons;
    private final FhirContext fhir;

    public AmendmentSubjects(ClinicalEntryQueries queries, KnownPersons persons, FhirContext fhir) {
        this.queries = queries;
        this.persons = persons;
        this.fhir = fhir;
    }

    /** {@code subject} is what the resource names (empty for types outside the Patient compartment). */
    public UUID personOf(EntryType type, UUID entryId, Optional<UUID> subject, Resource resource) throws SQLException {
        Optional<UUID> stored = queries.current(type, entryId).map(StoredEntry::personId);
        if (subject.isEmpty()) {
            return stored.orElseThrow(
                    () -> FhirProblem.notFound(type.resourceType() + "/" + entryId + " does not exist"));
        }
        if (stored.isEmpty()
                || stored.get().equals(subject.get())
                || !persons.onePersonNow(stored.get(), subject.get())) {
            return subject.get();
        }
        String named = "Patient/" + subject.get();
        for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (named.equals(
                    reference.getReferenceElement().toUnqualifiedVersionless().getValue())) {
                reference.setReference("Patient/" + stored.get());
            }
        }
        return stored.get();
    }
}
