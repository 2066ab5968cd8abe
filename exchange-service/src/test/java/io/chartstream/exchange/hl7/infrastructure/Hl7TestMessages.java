package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A05;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import ca.uhn.hl7v2.model.v251.message.ADT_A39;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.io.IOException;

/** HL7 v2.5.1 messages built with HAPI's model, as a sending EHR would send them. */
public final class Hl7TestMessages {

    private static final HapiContext HAPI = new DefaultHapiContext();

    static {
        HAPI.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        // a sender's mistakes are what some tests send
        HAPI.setValidationContext(ValidationContextFactory.noValidation());
    }

    /** A patient as the sending facility knows them: its MRN under its assigning authority (an OID). */
    public record Person(String mrn, String authorityOid, String family, String given, String birthDate) {}

    private Hl7TestMessages() {}

    public static ADT_A01 admission(String trigger, String facility, String controlId, Person person)
            throws HL7Exception, IOException {
        ADT_A01 adt = HAPI.newMessage(ADT_A01.class);
        adt.initQuickstart("ADT", trigger, "P");
        header(adt.getMSH(), facility, controlId, "ADT_A01");
        patient(adt.getPID(), facility, person);
        adt.getPV1().getSetIDPV1().setValue("1");
        adt.getPV1().getPatientClass().setValue("I");
        adt.getPV1().getAssignedPatientLocation().getPointOfCare().setValue("4W");
        adt.getPV1().getAssignedPatientLocation().getRoom().setValue("412");
        adt.getPV1().getAttendingDoctor(0).getIDNumber().setValue("1234567893");
        adt.getPV1().getAttendingDoctor(0).getFamilyName().getSurname().setValue("Osei");
        adt.getPV1().getAttendingDoctor(0).getGivenName().setValue("Kwame");
        adt.getPV1().getVisitNumber().getIDNumber().setValue("V-" + controlId);
        adt.getPV1().getAdmitDateTime().getTime().setValue("202612050830");
        adt.getPV2().getAdmitReason().getText().setValue("Community-acquired pneumonia");
        adt.getAL1(0).getSetIDAL1().setValue("1");
        adt.getAL1(0).getAllergenTypeCode().getIdentifier().setValue("DA");
        code(adt.getAL1(0).getAllergenCodeMnemonicDescription(), "7980", "Penicillin", "RXNORM");
        adt.getAL1(0).getAllergySeverityCode().getIdentifier().setValue("SV");
        adt.getAL1(0).getAllergyReactionCode(0).setValue("Hives");
        adt.getDG1(0).getSetIDDG1().setValue("1");
        code(adt.getDG1(0).getDiagnosisCodeDG1(), "J18.9", "Pneumonia, unspecified organism", "I10");
        adt.getDG1(0).getDiagnosisType().setValue("A");
        return adt;
    }

    /**
     * A later event of visit {@code visit} (A02, A03, A08, A13: the ADT_A01 shape, its structure
     * named as the trigger's own) with the patient now at {@code pointOfCare} and, for a discharge,
     * its time (PV1-45).
     */
    public static ADT_A01 visitEvent(
            String trigger, String facility, String controlId, Person person, String visit, String pointOfCare)
            throws HL7Exception, IOException {
        ADT_A01 adt = admission(trigger, facility, controlId, person);
        adt.removeRepetition("AL1", 0); // reported with the admission
        adt.removeRepetition("DG1", 0);
        adt.getMSH()
                .getMessageType()
                .getMessageStructure()
                .setValue(
                        switch (trigger) {
                            case "A02" -> "ADT_A02";
                            case "A03" -> "ADT_A03";
                            default -> "ADT_A01";
                        });
        adt.getPV1().getVisitNumber().getIDNumber().setValue(visit);
        adt.getPV1().getAssignedPatientLocation().getPointOfCare().setValue(pointOfCare);
        adt.getPV1().getAssignedPatientLocation().getRoom().clear();
        if ("A03".equals(trigger)) {
            adt.getPV1().getDischargeDateTime(0).getTime().setValue("202612071400");
        }
        return adt;
    }

    /** ADT^A31 (update person information: no visit), in its own structure ADT_A05. */
    public static ADT_A05 personUpdate(String facility, String controlId, Person person)
            throws HL7Exception, IOException {
        ADT_A05 adt = HAPI.newMessage(ADT_A05.class);
        adt.initQuickstart("ADT", "A31", "P");
        header(adt.getMSH(), facility, controlId, "ADT_A05");
        patient(adt.getPID(), facility, person);
        adt.getPV1().getSetIDPV1().setValue("1");
        return adt;
    }

    /** ADT^A11 (cancel admit) of visit {@code visit}, in its own structure ADT_A09. */
    public static ADT_A09 cancelAdmit(String facility, String controlId, Person person, String visit)
            throws HL7Exception, IOException {
        ADT_A09 adt = HAPI.newMessage(ADT_A09.class);
        adt.initQuickstart("ADT", "A11", "P");
        header(adt.getMSH(), facility, controlId, "ADT_A09");
        patient(adt.getPID(), facility, person);
        adt.getPV1().getSetIDPV1().setValue("1");
        adt.getPV1().getPatientClass().setValue("I");
        adt.getPV1().getVisitNumber().getIDNumber().setValue(visit);
        return adt;
    }

    public static ORU_R01 labResult(String facility, String controlId, Person person) throws HL7Exception, IOException {
        ORU_R01 oru = HAPI.newMessage(ORU_R01.class);
        oru.initQuickstart("ORU", "R01", "P");
        header(oru.getMSH(), facility, controlId, "ORU_R01");
        patient(oru.getPATIENT_RESULT().getPATIENT().getPID(), facility, person);
        var order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
        order.getOBR().getSetIDOBR().setValue("1");
        order.getOBR().getFillerOrderNumber().getEntityIdentifier().setValue("F-" + controlId);
        code(order.getOBR().getUniversalServiceIdentifier(), "51990-0", "Basic metabolic panel", "LN");
        order.getOBR().getObservationDateTime().getTime().setValue("202612050900");
        order.getOBR().getResultStatus().setValue("F");
        result(order.getOBSERVATION(0).getOBX(), 1, "2951-2", "Sodium", "141", "mmol/L", "136-145", "N");
        result(order.getOBSERVATION(1).getOBX(), 2, "2823-3", "Potassium", "5.9", "mmol/L", "3.5-5.1", "H");
        return oru;
    }

    public static void result(
            OBX obx, int setId, String loinc, String name, String value, String units, String range, String flag)
            throws HL7Exception {
        obx.getSetIDOBX().setValue(String.valueOf(setId));
        obx.getValueType().setValue("NM");
        code(obx.getObservationIdentifier(), loinc, name, "LN");
        NM number = new NM(obx.getMessage());
        number.setValue(value);
        obx.getObservationValue(0).setData(number);
        obx.getUnits().getIdentifier().setValue(units);
        obx.getReferencesRange().setValue(range);
        obx.getAbnormalFlags(0).setValue(flag);
        obx.getObservationResultStatus().setValue("F");
    }

    public static VXU_V04 vaccination(String facility, String controlId, Person person)
            throws HL7Exception, IOException {
        VXU_V04 vxu = HAPI.newMessage(VXU_V04.class);
        vxu.initQuickstart("VXU", "V04", "P");
        header(vxu.getMSH(), facility, controlId, "VXU_V04");
        patient(vxu.getPID(), facility, person);
        vxu.getORDER().getORC().getOrderControl().setValue("RE");
        var rxa = vxu.getORDER().getRXA();
        rxa.getGiveSubIDCounter().setValue("0");
        rxa.getAdministrationSubIDCounter().setValue("1");
        rxa.getDateTimeStartOfAdministration().getTime().setValue("20261201");
        code(rxa.getAdministeredCode(), "208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose", "CVX");
        rxa.getAdministeredAmount().setValue("0.3");
        rxa.getAdministeredUnits().getIdentifier().setValue("mL");
        rxa.getSubstanceLotNumber(0).setValue("LOT-" + controlId);
        rxa.getCompletionStatus().setValue("CP");
        return vxu;
    }

    /**
     * An ADT^A40: {@code person} (PID-3, the survivor) replaces the registration under {@code priorMrn}
     * of the assigning authority {@code priorOid} (MRG-1).
     */
    public static ADT_A39 merge(String facility, String controlId, Person person, String priorMrn, String priorOid)
            throws HL7Exception, IOException {
        ADT_A39 adt = HAPI.newMessage(ADT_A39.class);
        adt.initQuickstart("ADT", "A40", "P");
        header(adt.getMSH(), facility, controlId, "ADT_A39");
        patient(adt.getPATIENT().getPID(), facility, person);
        var prior = adt.getPATIENT().getMRG().getPriorPatientIdentifierList(0);
        prior.getIDNumber().setValue(priorMrn);
        prior.getAssigningAuthority().getNamespaceID().setValue(facility);
        prior.getAssigningAuthority().getUniversalID().setValue(priorOid);
        prior.getAssigningAuthority().getUniversalIDType().setValue("ISO");
        prior.getIdentifierTypeCode().setValue("MR");
        return adt;
    }

    public static String encode(AbstractMessage message) throws HL7Exception {
        return message.encode();
    }

    private static void header(MSH msh, String facility, String controlId, String structure) throws HL7Exception {
        msh.getSendingApplication().getNamespaceID().setValue("EHR");
        msh.getSendingFacility().getNamespaceID().setValue(facility);
        msh.getReceivingApplication().getNamespaceID().setValue("CHARTSTREAM");
        msh.getReceivingFacility().getNamespaceID().setValue("HIE");
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId);
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }

    private static void patient(PID pid, String facility, Person person) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        var mrn = pid.getPatientIdentifierList(0);
        mrn.getIDNumber().setValue(person.mrn());
        mrn.getAssigningAuthority().getNamespaceID().setValue(facility);
        mrn.getAssigningAuthority().getUniversalID().setValue(person.authorityOid());
        mrn.getAssigningAuthority().getUniversalIDType().setValue("ISO");
        mrn.getIdentifierTypeCode().setValue("MR");
        pid.getPatientName(0).getFamilyName().getSurname().setValue(person.family());
        pid.getPatientName(0).getGivenName().setValue(person.given());
        pid.getDateTimeOfBirth().getTime().setValue(person.birthDate());
        pid.getAdministrativeSex().setValue("F");
        pid.getPatientAddress(0).getStreetAddress().getStreetOrMailingAddress().setValue("12 Elm St");
        pid.getPatientAddress(0).getCity().setValue("Springfield");
        pid.getPatientAddress(0).getZipOrPostalCode().setValue("01101");
    }

    private static void code(CE ce, String code, String text, String system) throws HL7Exception {
        ce.getIdentifier().setValue(code);
        ce.getText().setValue(text);
        ce.getNameOfCodingSystem().setValue(system);
    }
}
