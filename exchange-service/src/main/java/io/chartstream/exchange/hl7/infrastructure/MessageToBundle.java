package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A02;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.message.ADT_A05;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import ca.uhn.hl7v2.model.v251.segment.AL1;
import ca.uhn.hl7v2.model.v251.segment.DG1;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.PV2;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An HL7 v2 message (parsed into the v2.5.1 model, whatever its version from 2.3 on) as ONE FHIR
 * transaction: the Patient (a conditional create on the organization's PID-3 identifier), what
 * the message reports about them, and a Provenance to the message.
 */
public final class MessageToBundle {

    /** The message types the exchange records; any other is refused (AR). */
    public static final Set<String> SUPPORTED = Set.of(
            "ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A08", "ADT^A11", "ADT^A13", "ADT^A31", "ORU^R01",
            "VXU^V04");

    private MessageToBundle() {}

    /** Why a type is refused, or null when it is supported. */
    public static String unsupported(Hl7Header header) {
        if (SUPPORTED.contains(header.type())) {
            return null;
        }
        return "message type " + header.type() + " is not supported; the exchange takes "
                + SUPPORTED.stream().sorted().toList() + " and " + MergeMessage.TYPE + " (a merge request)";
    }

    public static MessageBundle convert(
            Message message, Hl7Header header, Collection<String> organizationSystems, Instant received)
            throws HL7Exception {
        TransactionEntries entries = new TransactionEntries(header);
        switch (message) {
            // A01 (A04, A08, A13), A02, A03 and A09 (A11) have their own structures with the same segments by name
            case ADT_A01 adt -> adt(entries, header, organizationSystems, adt);
            case ADT_A09 adt -> adt(entries, header, organizationSystems, adt);
            case ADT_A02 adt -> adt(entries, header, organizationSystems, adt);
            case ADT_A03 adt -> adt(entries, header, organizationSystems, adt);
            case ADT_A05 adt -> adt(entries, header, organizationSystems, adt); // A31 (update person information)
            case ORU_R01 oru -> results(entries, oru, organizationSystems);
            case VXU_V04 vxu -> immunizations(entries, vxu, organizationSystems);
            default ->
                throw new ContentError(
                        SegmentRef.first("MSH"),
                        9,
                        ca.uhn.hl7v2.ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                        "message structure " + message.getName() + " is not supported");
        }
        return entries.withProvenance(received);
    }

    private static void adt(
            TransactionEntries entries, Hl7Header header, Collection<String> systems, AbstractMessage adt)
            throws HL7Exception {
        PID pid = (PID) adt.get("PID");
        PV1 pv1 = (PV1) adt.get("PV1");
        PV2 pv2 = (PV2) adt.get("PV2");
        // a cancel (A11, A13) changes the visit; the allergies and diagnoses it may repeat were recorded before
        boolean cancel = VisitEncounter.cancels(header.triggerEvent());
        List<AL1> allergies = cancel ? List.of() : all(adt, "AL1", AL1.class);
        List<DG1> diagnoses = cancel ? List.of() : all(adt, "DG1", DG1.class);
        Reference patient = entries.register(PatientSegment.read(pid, systems));
        Encounter encounter = VisitSegments.read(header.triggerEvent(), header.facility(), pv1, pv2, patient);
        Reference encounterRef = encounter == null ? null : entries.add(encounter, SegmentRef.first("PV1"));
        for (int i = 0; i < allergies.size(); i++) {
            SegmentRef at = new SegmentRef("AL1", i + 1);
            entries.add(AdtClinicalSegments.allergy(allergies.get(i), at, patient), at);
        }
        for (int i = 0; i < diagnoses.size(); i++) {
            SegmentRef at = new SegmentRef("DG1", i + 1);
            entries.add(AdtClinicalSegments.diagnosis(diagnoses.get(i), at, patient, encounterRef), at);
        }
    }

    private static <T extends Structure> List<T> all(AbstractMessage message, String name, Class<T> type)
            throws HL7Exception {
        if (!Arrays.asList(message.getNames()).contains(name)) {
            return List.of();
        }
        return Arrays.stream(message.getAll(name)).map(type::cast).toList();
    }

    private static void results(TransactionEntries entries, ORU_R01 oru, Collection<String> systems)
            throws HL7Exception {
        if (oru.getPATIENT_RESULTReps() != 1) {
            throw new ContentError(
                    SegmentRef.first("PID"),
                    1,
                    ca.uhn.hl7v2.ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    "an ORU^R01 must report about one patient; this one has " + oru.getPATIENT_RESULTReps());
        }
        var result = oru.getPATIENT_RESULT();
        Reference patient =
                entries.register(PatientSegment.read(result.getPATIENT().getPID(), systems));
        int obr = 0;
        int obx = 0;
        for (var order : result.getORDER_OBSERVATIONAll()) {
            SegmentRef reportAt = new SegmentRef("OBR", ++obr);
            var report = ResultSegments.report(order.getOBR(), reportAt, patient);
            entries.add(report, reportAt);
            for (var observation : order.getOBSERVATIONAll()) {
                SegmentRef at = new SegmentRef("OBX", ++obx);
                report.addResult(
                        entries.add(ResultSegments.observation(observation.getOBX(), at, patient, report), at));
            }
        }
        if (obr == 0) {
            throw ContentError.missing(SegmentRef.first("OBR"), 4, "an OBR with its results");
        }
    }

    private static void immunizations(TransactionEntries entries, VXU_V04 vxu, Collection<String> systems)
            throws HL7Exception {
        Reference patient = entries.register(PatientSegment.read(vxu.getPID(), systems));
        int rxa = 0;
        for (var order : vxu.getORDERAll()) {
            SegmentRef at = new SegmentRef("RXA", ++rxa);
            entries.add(ImmunizationSegment.read(order.getRXA(), at, patient), at);
        }
        if (rxa == 0) {
            throw ContentError.missing(SegmentRef.first("RXA"), 5, "an RXA with the vaccine given");
        }
    }
}
