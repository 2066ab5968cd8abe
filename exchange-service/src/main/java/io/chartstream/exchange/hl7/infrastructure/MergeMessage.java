package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import io.chartstream.exchange.hl7.domain.SegmentRef;

import java.util.Collection;

/**
 * An ADT^A40 (merge patient, structure ADT_A39) as what the organization asks: the person its
 * prior identifier (MRG-1) names merged into the person its identifier (PID-3) names, each the
 * identifier of one of the organization's own assigning authorities (CX-4 universal id). One merge
 * per message: an administrator decides each, and one ACK answers one request.
 */
public record MergeMessage(String survivorSystem, String survivorValue, String priorSystem, String priorValue) {

    public static final String TYPE = "ADT^A40";

    static final SegmentRef PID = SegmentRef.first("PID");
    static final SegmentRef MRG = SegmentRef.first("MRG");

    /** {@link ContentError} naming PID-3 or MRG-1 when either has no identifier of the organization's systems. */
    public static MergeMessage read(Message message, Collection<String> organizationSystems) throws HL7Exception {
        if (!(message instanceof ADT_A39 adt)) {
            throw new ContentError(
                    SegmentRef.first("MSH"),
                    9,
                    ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                    "an ADT^A40 has the structure ADT_A39, not " + message.getName());
        }
        if (adt.getPATIENTReps() != 1) {
            throw new ContentError(
                    new SegmentRef("PID", 2),
                    0,
                    ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    "an ADT^A40 asks one merge (one PID with its MRG); this one has " + adt.getPATIENTReps());
        }
        var patient = adt.getPATIENT();
        CX survivor = own(patient.getPID().getPatientIdentifierList(), organizationSystems, PID, 3, "PID-3");
        CX prior = own(patient.getMRG().getPriorPatientIdentifierList(), organizationSystems, MRG, 1, "MRG-1");
        return new MergeMessage(
                Hl7Values.system(survivor.getAssigningAuthority()),
                Hl7Values.text(survivor.getIDNumber()),
                Hl7Values.system(prior.getAssigningAuthority()),
                Hl7Values.text(prior.getIDNumber()));
    }

    private static CX own(CX[] identifiers, Collection<String> systems, SegmentRef segment, int field, String name) {
        for (CX cx : identifiers) {
            String system = Hl7Values.system(cx.getAssigningAuthority());
            if (Hl7Values.text(cx.getIDNumber()) != null && system != null && systems.contains(system)) {
                return cx;
            }
        }
        throw new ContentError(
                segment,
                field,
                ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                name + " has no identifier of the sending organization's assigning authorities " + systems
                        + " (CX-4 universal id, e.g. MRN^^^ORG&<oid>&ISO^MR)");
    }
}
