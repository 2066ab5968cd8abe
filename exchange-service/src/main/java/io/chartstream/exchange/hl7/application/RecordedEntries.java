package io.chartstream.exchange.hl7.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.exchange.hl7.infrastructure.RepeatedEntry;
import io.chartstream.exchange.hl7.infrastructure.VisitEncounter;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What clinical-service has of the entries a message names by a derived id (its visit's Encounter,
 * its allergies and diagnoses: {@link VisitEncounters}, {@link RepeatedEntries}), read in ONE call
 * (a FHIR batch of reads) before the transaction, instead of one call per entry.
 */
@ApplicationScoped
public class RecordedEntries {

    /** clinical-service's answer for one entry: 200 with the resource and its ETag, 404, or 410. */
    public record Recorded(int status, Resource resource, String etag) {}

    /** The answers, by {@code Type/id}. */
    public record Snapshot(Map<String, Recorded> entries) {

        public Recorded of(String literal) {
            Recorded recorded = entries.get(literal);
            if (recorded == null) {
                throw new IllegalStateException(literal + " was not read with its message");
            }
            return recorded;
        }
    }

    private final OwnerForwarder owners;
    private final FhirContext fhir;

    public RecordedEntries(OwnerForwarder owners, FhirContext fhir) {
        this.owners = owners;
        this.fhir = fhir;
    }

    public Snapshot read(Bundle message, String organization, ActingParty caller) {
        Set<String> wanted = wanted(message, organization);
        if (wanted.isEmpty()) {
            return new Snapshot(Map.of());
        }
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        wanted.forEach(
                literal -> batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl(literal));
        StoredResponse answer = owners.batchRead(fhir.newJsonParser().encodeResourceToString(batch), caller);
        if (answer.status() != 200) {
            throw FhirProblem.unavailable("clinical-service answered " + answer.status()
                    + " to the read of the message's visit, allergies and diagnoses");
        }
        Bundle response = fhir.newJsonParser().parseResource(Bundle.class, answer.body());
        List<String> literals = new ArrayList<>(wanted);
        Map<String, Recorded> recorded = new HashMap<>();
        for (int i = 0; i < literals.size() && i < response.getEntry().size(); i++) {
            BundleEntryComponent entry = response.getEntry().get(i);
            recorded.put(
                    literals.get(i),
                    new Recorded(
                            status(entry.getResponse().getStatus()),
                            entry.getResource(),
                            entry.getResponse().getEtag()));
        }
        return new Snapshot(recorded);
    }

    /** The visit's Encounter (the first Encounter with a visit number) and every repeated entry, each once. */
    private static Set<String> wanted(Bundle message, String organization) {
        Set<String> wanted = new LinkedHashSet<>();
        boolean visit = false;
        for (BundleEntryComponent entry : message.getEntry()) {
            Resource resource = entry.getResource();
            if (!visit && resource instanceof Encounter encounter) {
                visit = true;
                Identifier number = VisitEncounter.visitOf(encounter);
                if (number != null) {
                    wanted.add("Encounter/" + VisitEncounter.idOf(organization, number));
                }
            }
            RepeatedEntry.idOf(organization, message, resource)
                    .ifPresent(id -> wanted.add(resource.fhirType() + "/" + id));
        }
        return wanted;
    }

    private static int status(String status) {
        try {
            return Integer.parseInt(status == null ? "" : status.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
