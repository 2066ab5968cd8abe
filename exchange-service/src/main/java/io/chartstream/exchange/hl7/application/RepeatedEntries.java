package io.chartstream.exchange.hl7.application;

import io.chartstream.exchange.bundle.domain.EntryIds;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import io.chartstream.exchange.hl7.infrastructure.MessageBundle;
import io.chartstream.exchange.hl7.infrastructure.RepeatedEntry;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes an ADT's allergies and diagnoses the entries they were the first time (see
 * {@link RepeatedEntry}): one clinical-service does not have yet is created under its derived id;
 * one it has is left out of the transaction when the message repeats it unchanged (the
 * Provenance still names it: the message reported it) and else updated ({@code PUT}, If-Match the
 * version read). One entered in error is not recorded again (the organization withdrew it). What
 * a message no longer lists is not removed: an ADT's AL1/DG1 are what it reports, not the whole
 * list (HL7 has its own allergy update messages, A60, for removing).
 */
@ApplicationScoped
public class RepeatedEntries {

    /** A message's transaction as it is to be written, and the ids its new entries get. */
    public record Resolved(MessageBundle message, EntryIds ids) {}

    public Resolved resolve(
            MessageBundle message, String organization, EntryIds ids, RecordedEntries.Snapshot recorded) {
        Bundle bundle = message.bundle();
        Map<Integer, String> leftOut = new HashMap<>(); // index → what the Provenance names instead (null: nothing)
        Set<UUID> seen = new HashSet<>();
        EntryIds chosen = ids;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            Resource reported = entry.getResource();
            Optional<UUID> derived = RepeatedEntry.idOf(organization, bundle, reported);
            if (derived.isEmpty()) {
                continue;
            }
            UUID id = derived.get();
            String literal = reported.fhirType() + "/" + id;
            if (!seen.add(id)) {
                leftOut.put(i, literal); // the same allergen twice in one message: one entry
                continue;
            }
            RecordedEntries.Recorded current = recorded.of(literal);
            switch (current.status()) {
                case 404 -> chosen = chosen.choosing(i, id);
                case 200 -> {
                    if (RepeatedEntry.unchanged(current.resource(), reported)) {
                        leftOut.put(i, literal);
                    } else {
                        entry.getRequest()
                                .setMethod(HTTPVerb.PUT)
                                .setUrl(literal)
                                .setIfMatch(current.etag());
                    }
                }
                case 410 -> leftOut.put(i, null);
                default ->
                    throw FhirProblem.unavailable("clinical-service answered " + current.status() + " to the read of "
                            + literal + " (a repeated AL1/DG1)");
            }
        }
        return leftOut.isEmpty() ? new Resolved(message, chosen) : without(message, leftOut, chosen);
    }

    /**
     * The transaction without the entries left out; every other entry keeps the id it had (its
     * index moves, its id must not: a resend after a crash finds the same Provenance recorded).
     */
    private static Resolved without(MessageBundle message, Map<Integer, String> leftOut, EntryIds ids) {
        Bundle kept = new Bundle().setType(message.bundle().getType());
        List<SegmentRef> sources = new ArrayList<>();
        List<Integer> keptIndexes = new ArrayList<>();
        Map<String, String> instead = new HashMap<>();
        for (int i = 0; i < message.bundle().getEntry().size(); i++) {
            BundleEntryComponent entry = message.bundle().getEntry().get(i);
            if (leftOut.containsKey(i)) {
                instead.put(entry.getFullUrl(), leftOut.get(i));
            } else {
                kept.addEntry(entry);
                sources.add(message.sourceOf(i));
                keptIndexes.add(i);
            }
        }
        for (BundleEntryComponent entry : kept.getEntry()) {
            if (entry.getResource() instanceof Provenance provenance) {
                renameTargets(provenance, instead);
            }
        }
        return new Resolved(new MessageBundle(kept, sources), ids.keeping(keptIndexes));
    }

    private static void renameTargets(Provenance provenance, Map<String, String> instead) {
        List<Reference> targets = new ArrayList<>();
        for (Reference target : provenance.getTarget()) {
            if (!instead.containsKey(target.getReference())) {
                targets.add(target);
            } else if (instead.get(target.getReference()) != null) {
                targets.add(new Reference(instead.get(target.getReference())));
            }
        }
        provenance.setTarget(targets);
    }
}
