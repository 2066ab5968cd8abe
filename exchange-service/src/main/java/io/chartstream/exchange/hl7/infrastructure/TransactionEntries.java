package io.chartstream.exchange.hl7.infrastructure;

import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a message's transaction: each entry a create (the Patient a conditional one) under a
 * {@code urn:uuid:} derived from the message's key and the entry's index, so the same message
 * builds the same Bundle; last, one Provenance naming every entry and the message.
 */
final class TransactionEntries {

    /** The trigger events that revise the patient's registration (update patient information). */
    static final Set<String> REVISING = Set.of("A08", "A31");

    private final Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    private final List<SegmentRef> sources = new ArrayList<>();
    private final Hl7Header header;

    TransactionEntries(Hl7Header header) {
        this.header = header;
    }

    /**
     * The Patient: a conditional create on the organization's identifier, or, for an update of the
     * patient's information (A08, A31), a conditional update: the organization's registration
     * revised with the PID it now sends (or made, when the exchange does not have it yet).
     */
    Reference register(PatientSegment.Registration registration) {
        Reference patient = add(registration.patient(), SegmentRef.first("PID"));
        var request = bundle.getEntry().getLast().getRequest();
        if (REVISING.contains(header.triggerEvent())) {
            request.setMethod(HTTPVerb.PUT).setUrl("Patient?" + registration.ifNoneExist());
        } else {
            request.setIfNoneExist(registration.ifNoneExist());
        }
        return patient;
    }

    Reference add(Resource resource, SegmentRef source) {
        String fullUrl = "urn:uuid:"
                + UUID.nameUUIDFromBytes(
                        (header.idempotencyKey() + "\n" + sources.size()).getBytes(StandardCharsets.UTF_8));
        var entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        sources.add(source);
        return new Reference(fullUrl);
    }

    /** The Provenance of every entry so far: the message (facility, control id) it came in. */
    MessageBundle withProvenance(Instant received) {
        Provenance provenance = new Provenance().setRecorded(Date.from(received));
        for (var entry : bundle.getEntry()) {
            provenance.addTarget(new Reference(entry.getFullUrl()));
        }
        provenance.setActivity(new org.hl7.fhir.r4.model.CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        Reference facility = new Reference().setDisplay("HL7 v2 sending facility " + header.facility());
        facility.getIdentifier().setSystem("urn:chartstream:hl7:facility").setValue(header.facility());
        provenance
                .addAgent()
                .setWho(facility)
                .getType()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"));
        Reference message = new Reference()
                .setDisplay(
                        "HL7 v2 " + header.type() + " control id " + header.controlId() + " from " + header.facility());
        message.getIdentifier()
                .setSystem("urn:chartstream:hl7:" + header.facility() + ":message-control-id")
                .setValue(header.controlId());
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(message);
        add(provenance, SegmentRef.first("MSH"));
        return new MessageBundle(bundle, sources);
    }
}
