package io.chartstream.loader.bundle;

import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

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

    /**
     * The most targets one Provenance is sent with: a Provenance naming every entry of a long
     * record (Synthea's name up to 35,000) is larger than one resource may be at the exchange
     * (512 KiB); it is sent as several Provenances with the same agents, each naming a part of the
     * targets, so nothing it says is lost.
     */
    public static final int MAX_PROVENANCE_TARGETS = 2_000;

    /** The entries to send, what was left out, and how many Provenances were split to fit. */
    public record Prepared(
            List<PreparedEntry> entries, Map<String, Integer> leftOutByType, int referencesCut, int provenancesSplit) {}

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
        int split = 0;
        Set<String> patients = new HashSet<>();
        kept.stream()
                .filter(e -> e.hasFullUrl() && "Patient".equals(e.getResource().fhirType()))
                .forEach(e -> patients.add(e.getFullUrl()));
        List<BundleEntryComponent> parts = new ArrayList<>(kept.size());
        for (BundleEntryComponent entry : kept) {
            if (entry.getResource() instanceof Provenance provenance) {
                int before = provenance.getTarget().size();
                provenance.getTarget().removeIf(t -> leftOutUrls.contains(t.getReference()));
                cut += before - provenance.getTarget().size();
            }
            List<BundleEntryComponent> pieces = splitProvenance(entry, patients);
            split += pieces.size() > 1 ? 1 : 0;
            parts.addAll(pieces);
        }
        List<PreparedEntry> prepared = new ArrayList<>(parts.size());
        for (BundleEntryComponent entry : parts) {
            Resource resource = entry.getResource();
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
        return new Prepared(DependencyOrder.sort(prepared), leftOutByType, cut, split);
    }

    /**
     * The entry, or a Provenance with more than {@link #MAX_PROVENANCE_TARGETS} targets as several;
     * each names the bundle's Patient among its targets, so each is part of the patient's record.
     */
    private static List<BundleEntryComponent> splitProvenance(BundleEntryComponent entry, Set<String> patients) {
        if (!(entry.getResource() instanceof Provenance provenance)
                || provenance.getTarget().size() <= MAX_PROVENANCE_TARGETS) {
            return List.of(entry);
        }
        List<Reference> targets = List.copyOf(provenance.getTarget());
        List<BundleEntryComponent> pieces = new ArrayList<>();
        for (int from = 0; from < targets.size(); from += MAX_PROVENANCE_TARGETS) {
            Provenance piece = provenance.copy();
            List<Reference> part =
                    new ArrayList<>(targets.subList(from, Math.min(targets.size(), from + MAX_PROVENANCE_TARGETS)));
            for (Reference target : targets) {
                if (patients.contains(target.getReference())
                        && part.stream().noneMatch(t -> target.getReference().equals(t.getReference()))) {
                    part.add(target.copy());
                }
            }
            piece.setTarget(part);
            BundleEntryComponent copy = entry.copy().setResource(piece);
            if (from > 0) {
                copy.setFullUrl("urn:uuid:"
                        + UUID.nameUUIDFromBytes((entry.getFullUrl() + "#" + from).getBytes(StandardCharsets.UTF_8)));
            }
            pieces.add(copy);
        }
        return pieces;
    }
}
