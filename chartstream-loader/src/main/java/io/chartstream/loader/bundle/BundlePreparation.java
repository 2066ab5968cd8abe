package io.chartstream.loader.bundle;

import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a parsed bundle ready to chunk: entries of types the server does not serve are left out
 * (counted by type), references to them are cut, and the rest is put in dependency order.
 *
 * <p>Cutting a reference: a kept entry must not point at an entry that is never sent, or the
 * server refuses the whole transaction. In Synthea the one kept type that does is Provenance, whose
 * {@code target} lists every entry of the patient, Claims and ExplanationOfBenefits included: those
 * targets are removed (the Provenance stays true for what is loaded). Any other such reference keeps
 * its {@code display} and loses its {@code reference}, and is counted, so the summary shows it.
 */
public final class BundlePreparation {

    private final FhirTerser terser;

    public BundlePreparation(FhirTerser terser) {
        this.terser = terser;
    }

    /** The entries to send and what was left out. */
    public record Prepared(List<PreparedEntry> entries, Map<String, Integer> leftOutByType, int referencesCut) {}

    public Prepared prepare(Bundle bundle, ServedTypes served) {
        Set<String> leftOutUrls = new HashSet<>();
        Map<String, String> leftOutTypes = new HashMap<>();
        Map<String, Integer> leftOutByType = new TreeMap<>();
        List<BundleEntryComponent> kept = new ArrayList<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (served.serves(resource.fhirType())) {
                kept.add(entry);
            } else {
                leftOutByType.merge(resource.fhirType(), 1, Integer::sum);
                if (entry.hasFullUrl()) {
                    leftOutUrls.add(entry.getFullUrl());
                    leftOutTypes.put(entry.getFullUrl(), resource.fhirType());
                }
            }
        }
        int cut = 0;
        List<PreparedEntry> prepared = new ArrayList<>(kept.size());
        for (BundleEntryComponent entry : kept) {
            Resource resource = entry.getResource();
            if (resource instanceof Provenance provenance) {
                int before = provenance.getTarget().size();
                provenance.getTarget().removeIf(t -> leftOutUrls.contains(t.getReference()));
                cut += before - provenance.getTarget().size();
            }
            List<Reference> references = new ArrayList<>();
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = reference.getReference();
                if (target != null && leftOutUrls.contains(target)) {
                    if (!reference.hasDisplay()) {
                        reference.setDisplay(leftOutTypes.get(target) + " not loaded");
                    }
                    reference.setReference(null);
                    reference.setResource(null);
                    cut++;
                } else if (target != null) {
                    references.add(reference);
                }
            }
            prepared.add(new PreparedEntry(entry, references));
        }
        return new Prepared(DependencyOrder.sort(prepared), leftOutByType, cut);
    }
}
