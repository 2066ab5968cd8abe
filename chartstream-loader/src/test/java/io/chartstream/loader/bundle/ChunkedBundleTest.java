package io.chartstream.loader.bundle;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.chartstream.loader.bundle.Bundles.decode;
import static io.chartstream.loader.bundle.Bundles.prepare;
import static io.chartstream.loader.bundle.Bundles.response;
import static io.chartstream.loader.bundle.Bundles.transaction;
import static io.chartstream.loader.bundle.Bundles.urn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedBundleTest {

    private static ChunkedBundle chunked(Bundle bundle, ChunkLimits limits) {
        return new ChunkedBundle(
                BundleType.TRANSACTION,
                prepare(bundle, "Patient", "Encounter", "Observation").entries(),
                limits,
                Bundles.FHIR.newJsonParser());
    }

    /** Patient (urn 1), Encounter of the patient (urn 2), Observation of both (urn 3). */
    private static Bundle patientEncounterObservation() {
        Encounter encounter = new Encounter();
        encounter.setSubject(new Reference(urn(1)));
        Observation observation = new Observation();
        observation.setSubject(new Reference(urn(1)));
        observation.setEncounter(new Reference(urn(2)));
        return transaction(new Patient(), encounter, observation);
    }

    @Test
    void laterChunkReferencesEarlierChunkByTheIdItsResponseGave() {
        ChunkedBundle chunks = chunked(patientEncounterObservation(), new ChunkLimits(2, 1 << 20));

        Chunk first = chunks.next();
        Bundle sent = decode(first.body());
        assertEquals(BundleType.TRANSACTION, sent.getType());
        assertEquals(List.of("Patient", "Encounter"), Bundles.types(first.entries()));
        // a reference within the chunk stays as it was: the server resolves it in the transaction
        assertEquals(
                urn(1),
                ((Encounter) sent.getEntry().get(1).getResource()).getSubject().getReference());

        chunks.accepted(first, response("Patient/p1/_history/1", "http://peer/fhir/Encounter/e7/_history/1"));
        Chunk second = chunks.next();
        Observation observation =
                (Observation) decode(second.body()).getEntryFirstRep().getResource();
        assertEquals("Patient/p1", observation.getSubject().getReference());
        assertEquals("Encounter/e7", observation.getEncounter().getReference());
        assertFalse(new String(second.body(), StandardCharsets.UTF_8).contains("\"reference\":\"urn:uuid"));
        assertTrue(new String(first.body(), StandardCharsets.UTF_8).contains("\"reference\":\"urn:uuid"));
        assertEquals(1, second.index());
        assertFalse(chunks.hasNext());
    }

    @Test
    void referencesStayUrnsWhenEverythingFitsInOneChunk() {
        ChunkedBundle chunks = chunked(patientEncounterObservation(), ChunkLimits.DEFAULT);

        Chunk only = chunks.next();

        assertEquals(3, only.size());
        Observation observation =
                (Observation) decode(only.body()).getEntry().get(2).getResource();
        assertEquals(urn(2), observation.getEncounter().getReference());
        assertFalse(chunks.hasNext());
    }

    @Test
    void chunksStayUnderTheByteLimitAndKeepBundleOrder() {
        List<Resource> resources = new ArrayList<>();
        resources.add(new Patient());
        for (int i = 0; i < 30; i++) {
            Observation observation = new Observation();
            observation.setSubject(new Reference(urn(1)));
            observation.getCode().setText("observation " + i + " " + "x".repeat(400));
            resources.add(observation);
        }
        ChunkedBundle chunks = chunked(transaction(resources.toArray(Resource[]::new)), new ChunkLimits(1000, 3000));

        List<String> sent = new ArrayList<>();
        int count = 0;
        while (chunks.hasNext()) {
            Chunk chunk = chunks.next();
            assertTrue(chunk.body().length <= 3000, "chunk " + chunk.index() + " is " + chunk.body().length + " bytes");
            assertEquals(count++, chunk.index());
            chunk.entries().forEach(e -> sent.add(e.fullUrl()));
            chunks.accepted(
                    chunk,
                    response(chunk.entries().stream().map(e -> e.type() + "/x").toArray(String[]::new)));
        }
        assertTrue(count > 2);
        assertEquals(31, sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(urn(i + 1), sent.get(i));
        }
    }

    @Test
    void aReferenceCycleIsNeverCutApart() {
        Observation a = new Observation();
        Observation b = new Observation();
        a.addHasMember(new Reference(urn(2)));
        b.addHasMember(new Reference(urn(1)));
        ChunkedBundle chunks = chunked(transaction(a, b, new Patient()), new ChunkLimits(1, 1 << 20));

        assertEquals(2, chunks.next().size());
        assertEquals(1, chunks.next().size());
        assertFalse(chunks.hasNext());
    }

    @Test
    void whatARefusalLeavesUnsentIsTheRest() {
        ChunkedBundle chunks = chunked(patientEncounterObservation(), new ChunkLimits(1, 1 << 20));

        chunks.next();

        assertEquals(List.of("Encounter", "Observation"), Bundles.types(chunks.remaining()));
    }
}
