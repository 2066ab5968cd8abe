package io.chartstream.exchange.hl7.application;

import ca.uhn.hl7v2.ErrorCode;
import io.chartstream.exchange.bundle.domain.EntryIds;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import io.chartstream.exchange.hl7.infrastructure.ContentError;
import io.chartstream.exchange.hl7.infrastructure.Hl7Header;
import io.chartstream.exchange.hl7.infrastructure.VisitEncounter;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;

import java.util.UUID;

/**
 * Makes a message's Encounter the one of its visit (see {@link VisitEncounter}): created under the
 * visit's entry id when clinical-service has none yet, else a {@code PUT} of the changed Encounter
 * based on the version clinical-service has (If-Match). The version is read from the owner, not
 * from a view, so an A02 right after its A01 sees the A01's Encounter. Two connections changing
 * one visit at once: the second write is stale (412) and its message is answered AR, to resend.
 */
@ApplicationScoped
public class VisitEncounters {

    private static final SegmentRef PV1 = SegmentRef.first("PV1");

    /** Rewrites the visit's Encounter entry of {@code bundle} (if any) and answers the ids to create with. */
    public EntryIds resolve(
            org.hl7.fhir.r4.model.Bundle bundle,
            String organization,
            Hl7Header header,
            EntryIds ids,
            RecordedEntries.Snapshot recorded) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            if (entry.getResource() instanceof Encounter reported) {
                Identifier visit = VisitEncounter.visitOf(reported);
                return visit == null ? ids : resolve(entry, i, reported, visit, organization, header, ids, recorded);
            }
        }
        return ids;
    }

    private EntryIds resolve(
            BundleEntryComponent entry,
            int index,
            Encounter reported,
            Identifier visit,
            String organization,
            Hl7Header header,
            EntryIds ids,
            RecordedEntries.Snapshot recorded) {
        UUID id = VisitEncounter.idOf(organization, visit);
        RecordedEntries.Recorded current = recorded.of("Encounter/" + id);
        switch (current.status()) {
            case 200 -> {
                entry.setResource(
                        VisitEncounter.update((Encounter) current.resource(), reported, header.triggerEvent()));
                entry.getRequest()
                        .setMethod(HTTPVerb.PUT)
                        .setUrl("Encounter/" + id)
                        .setIfMatch(current.etag());
                return ids;
            }
            case 404 -> {
                if (VisitEncounter.cancels(header.triggerEvent())) {
                    throw new ContentError(
                            PV1,
                            19,
                            ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                            "visit " + visit.getValue() + " is not known to the exchange: there is no "
                                    + ("A11".equals(header.triggerEvent()) ? "admission" : "discharge")
                                    + " to cancel");
                }
                return ids.choosing(index, id);
            }
            case 410 ->
                throw new ContentError(
                        PV1,
                        19,
                        ErrorCode.APPLICATION_RECORD_LOCKED,
                        "the Encounter of visit " + visit.getValue()
                                + " was entered in error; it takes no more events");
            default ->
                throw FhirProblem.unavailable(
                        "clinical-service answered " + current.status() + " to the read of the visit's Encounter");
        }
    }
}
