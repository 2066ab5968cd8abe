package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.PV2;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Reference;

import java.util.Locale;

import static io.chartstream.exchange.hl7.infrastructure.Hl7Values.text;

/**
 * PV1 and PV2 as the Encounter an ADT event reports (admit, transfer, discharge, registration,
 * update, cancel admit, cancel discharge).
 */
public final class VisitSegments {

    private static final SegmentRef PV1_SEGMENT = SegmentRef.first("PV1");
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private VisitSegments() {}

    /** The Encounter, or null when PV1 names no patient class (an update that reports no visit). */
    public static Encounter read(String triggerEvent, String facility, PV1 pv1, PV2 pv2, Reference patient) {
        String patientClass = text(pv1.getPatientClass());
        if (patientClass == null) {
            return null;
        }
        Encounter encounter = new Encounter().setSubject(patient).setClass_(encounterClass(patientClass));
        CX visit = pv1.getVisitNumber();
        String visitNumber = text(visit.getIDNumber());
        if (visitNumber == null && VisitEncounter.cancels(triggerEvent)) {
            throw ContentError.missing(PV1_SEGMENT, 19, "visit number: the visit whose event is cancelled");
        }
        if (visitNumber != null) {
            String system = Hl7Values.system(visit.getAssigningAuthority());
            encounter
                    .addIdentifier()
                    .setSystem(system != null ? system : "urn:chartstream:hl7:" + facility + ":visit-number")
                    .setValue(visitNumber);
        }
        var admitted = Hl7Values.dateTime(pv1.getAdmitDateTime(), PV1_SEGMENT, 44);
        var discharged = pv1.getDischargeDateTime().length == 0
                ? null
                : Hl7Values.dateTime(pv1.getDischargeDateTime(0), PV1_SEGMENT, 45);
        if (admitted != null) {
            encounter.getPeriod().setStartElement(admitted);
        }
        if (discharged != null && !"A13".equals(triggerEvent)) {
            encounter.getPeriod().setEndElement(discharged);
        }
        encounter.setStatus(status(triggerEvent, discharged != null));
        for (XCN attending : pv1.getAttendingDoctor()) {
            Reference doctor = Hl7Values.person(attending);
            if (doctor != null) {
                encounter
                        .addParticipant()
                        .setIndividual(doctor)
                        .addType()
                        .addCoding()
                        .setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType")
                        .setCode("ATND");
            }
        }
        String pointOfCare = text(pv1.getAssignedPatientLocation().getPointOfCare());
        if (pointOfCare != null) {
            String room = text(pv1.getAssignedPatientLocation().getRoom());
            String bed = text(pv1.getAssignedPatientLocation().getBed());
            encounter
                    .addLocation()
                    .setLocation(new Reference()
                            .setDisplay(pointOfCare
                                    + (room == null ? "" : " room " + room)
                                    + (bed == null ? "" : " bed " + bed)));
        }
        if (pv2 != null) {
            var reason = Hl7Values.concept(pv2.getAdmitReason());
            if (reason != null) {
                encounter.addReasonCode(reason);
            }
        }
        return encounter;
    }

    /**
     * A03 discharges; an update with a discharge time reports a finished visit; A11 cancels the
     * admission (the visit did not take place); A13 cancels the discharge (in progress again); the
     * others report a visit in progress.
     */
    static EncounterStatus status(String triggerEvent, boolean discharged) {
        if ("A11".equals(triggerEvent)) {
            return EncounterStatus.CANCELLED;
        }
        if ("A13".equals(triggerEvent)) {
            return EncounterStatus.INPROGRESS;
        }
        if ("A03".equals(triggerEvent) || discharged) {
            return EncounterStatus.FINISHED;
        }
        return EncounterStatus.INPROGRESS;
    }

    /** HL7 table 0004 (patient class) as the v3 ActCode FHIR's Encounter.class takes. */
    static Coding encounterClass(String patientClass) {
        return switch (patientClass.toUpperCase(Locale.ROOT)) {
            case "I" -> new Coding(ACT_CODE, "IMP", "inpatient encounter");
            case "E" -> new Coding(ACT_CODE, "EMER", "emergency");
            case "P" -> new Coding(ACT_CODE, "PRENC", "pre-admission");
            case "O", "R", "B" -> new Coding(ACT_CODE, "AMB", "ambulatory");
            default -> new Coding(ACT_CODE, "AMB", "ambulatory");
        };
    }
}
