package io.chartstream.system;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TopicReader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HL7 v2 over MLLP into the running exchange (port 2575): st-marys-hospital registers a patient
 * (ADT^A04), riverside-clinic admits the same person under its own MRN (ADT^A01 with an allergy
 * and a diagnosis) and sends a lab result (ORU^R01). Every message gets AA once written; the
 * content is in riverside's view; the Encounter reaches st-marys' feed (it is in the person's
 * care too); the A01 resent writes nothing twice.
 */
class Hl7SystemTest {

    private static final HapiContext HAPI = new DefaultHapiContext();
    private static final String RIVERSIDE_OID = "2.16.840.1.113883.3.7001.1";
    private static final String ST_MARYS_OID = "2.16.840.1.113883.3.7002.1";
    private static final int MLLP_PORT = Integer.getInteger("chartstream.hl7.port", 2575);

    static {
        HAPI.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    private static String run;

    @BeforeAll
    static void up() {
        RunningExchange.ensureUp();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void messagesBecomeTheRecordInTheViewAndTheEncounterReachesTheOtherCaringOrganization() throws Exception {
        String riversideMrn = "H7R-" + run;
        String admission;
        try (Socket st = new Socket("localhost", MLLP_PORT);
                Socket riverside = new Socket("localhost", MLLP_PORT)) {
            ADT_A01 registration = HAPI.newMessage(ADT_A01.class);
            registration.initQuickstart("ADT", "A04", "P");
            header(registration.getMSH(), "STMARYS", "S-" + run, "ADT_A01");
            patient(registration.getPID(), "STMARYS", ST_MARYS_OID, "H7S-" + run);
            registration.getPV1().getPatientClass().setValue("O");
            assertEquals("AA", ackCode(send(st, registration.encode())));

            ADT_A01 admit = HAPI.newMessage(ADT_A01.class);
            admit.initQuickstart("ADT", "A01", "P");
            header(admit.getMSH(), "RIVERSIDE", "R-" + run, "ADT_A01");
            patient(admit.getPID(), "RIVERSIDE", RIVERSIDE_OID, riversideMrn);
            admit.getPV1().getPatientClass().setValue("I");
            admit.getPV1().getVisitNumber().getIDNumber().setValue("VISIT-" + run);
            admit.getPV1().getAdmitDateTime().getTime().setValue("202612051030");
            admit.getAL1(0).getSetIDAL1().setValue("1");
            code(admit.getAL1(0).getAllergenCodeMnemonicDescription(), "7980", "Penicillin", "RXNORM");
            admit.getDG1(0).getSetIDDG1().setValue("1");
            code(admit.getDG1(0).getDiagnosisCodeDG1(), "J18.9", "Pneumonia, unspecified organism", "I10");
            admission = admit.encode();
            assertEquals("AA", ackCode(send(riverside, admission)));

            ORU_R01 lab = HAPI.newMessage(ORU_R01.class);
            lab.initQuickstart("ORU", "R01", "P");
            header(lab.getMSH(), "RIVERSIDE", "L-" + run, "ORU_R01");
            patient(lab.getPATIENT_RESULT().getPATIENT().getPID(), "RIVERSIDE", RIVERSIDE_OID, riversideMrn);
            var order = lab.getPATIENT_RESULT().getORDER_OBSERVATION();
            order.getOBR().getSetIDOBR().setValue("1");
            code(order.getOBR().getUniversalServiceIdentifier(), "51990-0", "Basic metabolic panel", "LN");
            order.getOBR().getObservationDateTime().getTime().setValue("202612051100");
            var obx = order.getOBSERVATION(0).getOBX();
            obx.getSetIDOBX().setValue("1");
            obx.getValueType().setValue("NM");
            code(obx.getObservationIdentifier(), "2823-3", "Potassium", "LN");
            NM potassium = new NM(lab);
            potassium.setValue("5.9");
            obx.getObservationValue(0).setData(potassium);
            obx.getUnits().getIdentifier().setValue("mmol/L");
            obx.getReferencesRange().setValue("3.5-5.1");
            obx.getAbnormalFlags(0).setValue("H");
            obx.getObservationResultStatus().setValue("F");
            assertEquals("AA", ackCode(send(riverside, lab.encode())));
        }

        String clinic = Tokens.system("riverside-clinic");
        var registered = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("riverside-clinic"),
                r -> TopicReader.value(r).contains(riversideMrn),
                1,
                Duration.ofSeconds(30));
        String person = registered.get(0).key();
        List<String> expected = List.of(
                "AllergyIntolerance",
                "Condition",
                "DiagnosticReport",
                "Encounter",
                "Observation",
                "Patient",
                "Provenance");
        Eventually.within(Duration.ofSeconds(15)).until(() -> expected.equals(types(clinic, person)));

        var encounterOnStMarysFeed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("st-marys-hospital"),
                r -> person.equals(r.key())
                        && TopicReader.value(r).contains("\"Encounter\"")
                        && TopicReader.value(r).contains("VISIT-" + run),
                1,
                Duration.ofSeconds(15));
        assertEquals(1, encounterOnStMarysFeed.size(), "the other caring organization's feed has the Encounter");

        try (Socket riverside = new Socket("localhost", MLLP_PORT)) {
            assertEquals("AA", ackCode(send(riverside, admission)), "the resent A01 is accepted again");
        }
        Thread.sleep(2_000);
        Bundle everything = Fhir.bundle(
                Fhir.everything(clinic, person).then().statusCode(200).extract().asString());
        assertEquals(
                1,
                everything.getEntry().stream()
                        .filter(e -> e.getResource() instanceof Encounter encounter
                                && ("VISIT-" + run)
                                        .equals(encounter
                                                .getIdentifierFirstRep()
                                                .getValue()))
                        .count(),
                "the resent A01 wrote nothing twice");
    }

    private static List<String> types(String token, String person) {
        var answer = Fhir.everything(token, person);
        if (answer.statusCode() != 200) {
            return List.of();
        }
        return Fhir.bundle(answer.asString()).getEntry().stream()
                .map(e -> e.getResource().fhirType())
                .distinct()
                .sorted()
                .toList();
    }

    private static void header(MSH msh, String facility, String controlId, String structure) throws HL7Exception {
        msh.getSendingApplication().getNamespaceID().setValue("EHR");
        msh.getSendingFacility().getNamespaceID().setValue(facility);
        msh.getReceivingApplication().getNamespaceID().setValue("CHARTSTREAM");
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId);
    }

    /** The same person as every facility knows them (name, birth date, sex, phone, address), under its MRN. */
    private static void patient(PID pid, String facility, String oid, String mrn) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        var id = pid.getPatientIdentifierList(0);
        id.getIDNumber().setValue(mrn);
        id.getAssigningAuthority().getNamespaceID().setValue(facility);
        id.getAssigningAuthority().getUniversalID().setValue(oid);
        id.getAssigningAuthority().getUniversalIDType().setValue("ISO");
        id.getIdentifierTypeCode().setValue("MR");
        pid.getPatientName(0).getFamilyName().getSurname().setValue("Hl7-" + run);
        pid.getPatientName(0).getGivenName().setValue("Maren");
        pid.getDateTimeOfBirth().getTime().setValue("19810312");
        pid.getAdministrativeSex().setValue("F");
        pid.getPatientAddress(0).getStreetAddress().getStreetOrMailingAddress().setValue("7 Harbor Rd");
        pid.getPatientAddress(0).getCity().setValue("Springfield");
        pid.getPatientAddress(0).getZipOrPostalCode().setValue("01103");
        pid.getPhoneNumberHome(0).getTelephoneNumber().setValue("+1 555 0100");
    }

    private static void code(CE ce, String code, String text, String system) throws HL7Exception {
        ce.getIdentifier().setValue(code);
        ce.getText().setValue(text);
        ce.getNameOfCodingSystem().setValue(system);
    }

    /** One MLLP exchange: the framed message out, the framed ACK back. */
    private static String send(Socket socket, String message) throws IOException {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(0x0B);
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {0x1C, 0x0D});
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        int b = in.read();
        assertEquals(0x0B, b, "an ACK frame");
        while ((b = in.read()) != 0x1C) {
            assertTrue(b >= 0, "the ACK frame ends");
            ack.write(b);
        }
        in.read();
        return ack.toString(StandardCharsets.UTF_8);
    }

    private static String ackCode(String ack) throws HL7Exception {
        Message parsed = HAPI.getPipeParser().parse(ack);
        String code = new Terser(parsed).get("/MSA-1");
        if (!"AA".equals(code)) {
            return code + " " + ack.replace('\r', '\n');
        }
        return code;
    }
}
