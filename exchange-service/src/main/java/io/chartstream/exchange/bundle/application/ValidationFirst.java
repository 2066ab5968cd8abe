package io.chartstream.exchange.bundle.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.bundle.application.BundleProcessor.Entry;
import io.chartstream.exchange.bundle.domain.EntryKind;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clinical entries of a transaction that also registers or creates in the directory, validated
 * by their owner before anything is written (decisions §17, §33): one {@code batch} of
 * {@code Type/$validate} to clinical-service, nothing written there. clinical-service remembers its
 * verdicts, so the write that follows stores the same entries without validating them again; the
 * gateway itself validates nothing and vouches for nothing.
 *
 * <p>The entries are sent as they will be written, but for what only the writes will tell: a
 * reference to an entry not yet written (the Patient a registration makes, a directory entry) or a
 * conditional one reads {@code Type/}{@value #NOT_YET_WRITTEN}. The validator reads such a
 * reference's type, never its id, and clinical-service's memory leaves that id out of its key.
 */
@ApplicationScoped
public class ValidationFirst {

    /** The id a reference to an entry not written yet stands in with (a well-formed id). */
    static final String NOT_YET_WRITTEN = "0";

    private final FhirContext fhir;
    private final BundleReferences references;
    private final OwnerForwarder forwarder;

    public ValidationFirst(FhirContext fhir, BundleReferences references, OwnerForwarder forwarder) {
        this.fhir = fhir;
        this.references = references;
        this.forwarder = forwarder;
    }

    /**
     * Refuses the transaction (422 naming the first invalid entry, its findings joined by "; ")
     * unless clinical-service finds every clinical entry valid; {@code targets} holds the clinical
     * entries' own {@code Type/id} by fullUrl.
     */
    void requireValid(List<Entry> entries, Map<String, String> targets, ActingParty caller) {
        List<Entry> clinical =
                entries.stream().filter(e -> e.kind() == EntryKind.CLINICAL).toList();
        if (clinical.isEmpty()) {
            return;
        }
        Map<String, String> asWritten = new HashMap<>(targets);
        for (Entry e : entries) {
            String fullUrl = e.source().getFullUrl();
            if (e.kind() != EntryKind.CLINICAL && fullUrl != null && !fullUrl.isEmpty()) {
                asWritten.put(fullUrl, e.resourceType() + "/" + NOT_YET_WRITTEN);
            }
        }
        Bundle batch = new Bundle().setType(BundleType.BATCH);
        for (Entry e : clinical) {
            Resource copy = e.source().getResource().copy();
            for (Reference reference : references.of(copy)) {
                reference.setResource(null);
                String value = reference.getReference();
                if (value != null && asWritten.containsKey(value)) {
                    reference.setReference(asWritten.get(value));
                } else if (value != null && value.indexOf('?') > 0 && !value.startsWith("urn:")) {
                    reference.setReference(value.substring(0, value.indexOf('?')) + "/" + NOT_YET_WRITTEN);
                }
            }
            batch.addEntry()
                    .setFullUrl(e.resourceType() + "/" + copy.getIdElement().getIdPart())
                    .setResource(copy)
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl(e.resourceType() + "/$validate");
        }
        StoredResponse answer = forwarder.batchValidate(fhir.newJsonParser().encodeResourceToString(batch), caller);
        if (answer.status() != 200) {
            Entry first = clinical.get(0);
            throw EntryProblems.fromOwner(
                    fhir, answer, k -> clinical.get(k).index(), first.index(), first.resourceType());
        }
        Bundle verdicts = fhir.newJsonParser().parseResource(Bundle.class, answer.body());
        for (int k = 0; k < clinical.size(); k++) {
            if (k >= verdicts.getEntry().size()
                    || !(verdicts.getEntry().get(k).getResponse().getOutcome() instanceof OperationOutcome outcome)) {
                // without the owner's verdict the registrations may not be written: resend
                throw FhirProblem.unavailable("clinical-service gave no verdict on every entry; try again");
            }
            List<String> errors = outcome.getIssue().stream()
                    .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .toList();
            if (!errors.isEmpty()) {
                Entry e = clinical.get(k);
                throw EntryProblems.at(
                        e.index(), e.resourceType(), FhirProblem.unprocessable(String.join("; ", errors)));
            }
        }
    }
}
