package io.chartstream.loader.bundle;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SupplyDelivery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chartstream.loader.bundle.Bundles.prepare;
import static io.chartstream.loader.bundle.Bundles.transaction;
import static io.chartstream.loader.bundle.Bundles.urn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundlePreparationTest {

    @Test
    void typesTheServerDoesNotServeAreLeftOutAndCounted() {
        Claim claim = new Claim();
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setClaim(new Reference(urn(3)));
        var bundle = transaction(new Patient(), new Observation(), claim, eob, new Claim(), new SupplyDelivery());

        BundlePreparation.Prepared prepared = prepare(bundle, "Patient", "Observation", "Provenance");

        assertEquals(List.of("Patient", "Observation"), Bundles.types(prepared.entries()));
        assertEquals(Map.of("Claim", 2, "ExplanationOfBenefit", 1, "SupplyDelivery", 1), prepared.leftOutByType());
        assertEquals(0, prepared.referencesCut());
    }

    @Test
    void provenanceLosesTheTargetsThatAreLeftOut() {
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference(urn(1)));
        provenance.addTarget(new Reference(urn(2)));
        provenance.addTarget(new Reference(urn(3)));
        var bundle = transaction(new Patient(), new Claim(), new ExplanationOfBenefit(), provenance);

        BundlePreparation.Prepared prepared = prepare(bundle, "Patient", "Provenance");

        assertEquals(
                List.of(urn(1)),
                provenance.getTarget().stream().map(Reference::getReference).toList());
        assertEquals(2, prepared.referencesCut());
    }

    @Test
    void aProvenanceWithMoreTargetsThanOneResourceCanHoldIsSentAsSeveral() {
        Provenance provenance = new Provenance();
        int targets = BundlePreparation.MAX_PROVENANCE_TARGETS * 2 + 1;
        provenance.addTarget(new Reference(urn(1)));
        for (int i = 1; i < targets; i++) {
            provenance.addTarget(new Reference(urn(2)));
        }
        provenance.addAgent().setWho(new Reference("Practitioner/dr"));
        var bundle = transaction(new Patient(), new Observation(), provenance);

        BundlePreparation.Prepared prepared = prepare(bundle, "Patient", "Observation", "Provenance");

        List<Provenance> sent = prepared.entries().stream()
                .map(e -> e.entry().getResource())
                .filter(Provenance.class::isInstance)
                .map(Provenance.class::cast)
                .toList();
        assertEquals(3, sent.size());
        // the Patient (urn 1, the bundle's first entry) is a target of each, so each is part of its record
        assertEquals(
                targets + 2, sent.stream().mapToInt(p -> p.getTarget().size()).sum());
        sent.forEach(p -> assertTrue(p.getTarget().stream().anyMatch(t -> urn(1).equals(t.getReference()))));
        sent.forEach(p ->
                assertEquals("Practitioner/dr", p.getAgentFirstRep().getWho().getReference()));
        assertEquals(
                4,
                prepared.entries().stream()
                                .map(PreparedEntry::fullUrl)
                                .distinct()
                                .count()
                        - 1);
        assertEquals(1, prepared.provenancesSplit());
    }

    @Test
    void anyOtherReferenceToALeftOutEntryKeepsOnlyADisplay() {
        Observation observation = new Observation();
        observation.setSubject(new Reference(urn(1)));
        observation.setEncounter(new Reference(urn(2)));
        var bundle = transaction(new Patient(), new Encounter(), observation);

        BundlePreparation.Prepared prepared = prepare(bundle, "Patient", "Observation");

        assertNull(observation.getEncounter().getReference());
        assertEquals("Encounter not loaded", observation.getEncounter().getDisplay());
        assertEquals(urn(1), observation.getSubject().getReference());
        assertEquals(1, prepared.referencesCut());
        assertEquals(1, prepared.entries().get(1).references().size());
    }

    @Test
    void anEntryReferredToFromEarlierMovesBeforeItsReferrer() {
        Observation observation = new Observation();
        observation.setSubject(new Reference(urn(3)));
        Encounter encounter = new Encounter();
        encounter.setSubject(new Reference(urn(3)));
        var bundle = transaction(observation, encounter, new Patient());

        var entries = prepare(bundle, "Patient", "Observation", "Encounter").entries();

        assertEquals(List.of("Patient", "Observation", "Encounter"), Bundles.types(entries));
    }

    @Test
    void bundleOrderIsKeptWhenReferencesPointBackwards() {
        Observation observation = new Observation();
        observation.setSubject(new Reference(urn(1)));
        var bundle = transaction(new Patient(), new Encounter(), observation, new Observation());

        var entries = prepare(bundle, "Patient", "Observation", "Encounter").entries();

        assertEquals(
                List.of(urn(1), urn(2), urn(3), urn(4)),
                entries.stream().map(PreparedEntry::fullUrl).toList());
        assertFalse(entries.isEmpty());
    }

    @Test
    void servedTypesComeFromTheCapabilityStatement() {
        ServedTypes served = ServedTypes.of(Bundles.capabilities("Patient", "Observation"));

        assertEquals(java.util.Set.of("Patient", "Observation"), served.types());
    }
}
