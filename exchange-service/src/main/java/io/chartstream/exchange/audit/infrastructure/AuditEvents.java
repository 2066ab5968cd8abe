package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.function.Function;
import java.util.regex.Pattern;

/** An audit record as a FHIR R4 AuditEvent, in the IHE Basic Audit Log Patterns shape. */
public final class AuditEvents {

    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String CHARTSTREAM_AUDIT = "urn:chartstream:audit";
    static final String PURPOSE_OF_USE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String CHAIN_EXTENSION = "urn:chartstream:audit:chain";

    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9.-]{1,64}");
    private static final Pattern INTERACTION = Pattern.compile(".*/(read|write|create)");

    private AuditEvents() {}

    /**
     * Encodes records as AuditEvent JSON for the SIEM stream, once per record, with the R4 model's
     * own generated composer ({@link org.hl7.fhir.r4.formats.JsonParser}, in the same HAPI jar as
     * the model classes): the very JSON HAPI's parser writes, but for a line separator (U+2028)
     * escaped (AuditEventsTest), at about half its CPU, for HAPI's parser walks every element by reflection and searches for resources to
     * contain, which an AuditEvent (it refers by id only) never has.
     */
    static Function<AuditChain.Link, String> streamEncoder() {
        return link -> {
            try {
                return new org.hl7.fhir.r4.formats.JsonParser().composeString(toFhir(link));
            } catch (IOException e) {
                throw new UncheckedIOException("audit record " + link.sequence() + " could not be encoded", e);
            }
        };
    }

    public static AuditEvent toFhir(AuditChain.Link link) {
        AuditEntry e = link.entry();
        AuditEvent event = new AuditEvent();
        event.setId(String.valueOf(link.sequence()));
        boolean rest = "rest".equals(e.type());
        event.setType(new Coding(rest ? AUDIT_EVENT_TYPE : CHARTSTREAM_AUDIT, e.type(), null));
        event.addSubtype(new Coding(rest ? RESTFUL_INTERACTION : CHARTSTREAM_AUDIT, e.subtype(), null));
        event.setAction(AuditEvent.AuditEventAction.fromCode(e.action()));
        event.setRecorded(Date.from(e.recorded()));
        event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(e.outcome()));
        if (e.detail() != null) {
            event.setOutcomeDesc(e.detail());
        }
        AuditEvent.AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        user.setType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")));
        if (e.agentUser() != null) {
            user.setWho(new Reference()
                    .setIdentifier(new Identifier().setValue(e.agentUser()))
                    .setDisplay(e.agentUser()));
            user.setAltId(e.agentUser());
        }
        if (e.agentOrganization() != null) {
            event.addAgent().setRequestor(false).setWho(new Reference("Organization/" + e.agentOrganization()));
        }
        if (e.purposeOfUse() != null) {
            user.addPurposeOfUse(new CodeableConcept(new Coding(PURPOSE_OF_USE, e.purposeOfUse(), null)));
        }
        event.getSource().setObserver(new Reference().setDisplay(e.source())).setSite(e.source());
        if (e.patient() != null) {
            event.addEntity()
                    .setWhat(new Reference("Patient/" + e.patient()))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        }
        for (String entity : e.entities()) {
            if (e.patient() != null && entity.equals("Patient/" + e.patient())) {
                continue;
            }
            // "Observation/123" is a resource; "Observation/read", "Patient/create" name what was done
            boolean reference = REFERENCE.matcher(entity).matches()
                    && !INTERACTION.matcher(entity).matches();
            AuditEvent.AuditEventEntityComponent what = event.addEntity();
            if (reference) {
                what.setWhat(new Reference(entity));
            } else {
                what.setWhat(new Reference().setDisplay(entity)).setDescription(entity);
            }
        }
        event.addExtension(CHAIN_EXTENSION + ":sequence", new StringType(String.valueOf(link.sequence())));
        event.addExtension(CHAIN_EXTENSION + ":hash", new StringType(link.hash()));
        return event;
    }
}
