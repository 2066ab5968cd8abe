package io.chartstream.system;

import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TopicReader;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.system.Hl7Messages.HAPI;
import static io.chartstream.system.Hl7Messages.MLLP_PORT;
import static io.chartstream.system.Hl7Messages.RIVERSIDE_OID;
import static io.chartstream.system.Hl7Messages.ST_MARYS_OID;
import static io.chartstream.system.Hl7Messages.ackCode;
import static io.chartstream.system.Hl7Messages.code;
import static io.chartstream.system.Hl7Messages.header;
import static io.chartstream.system.Hl7Messages.patient;
import static io.chartstream.system.Hl7Messages.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HL7 v2 over MLLP into the running exchange (port 2575): st-marys-hospital registers a patient
 * (ADT^A04), riverside-clinic admits the same person under its own MRN (ADT^A01 with an allergy
 * and a diagnosis) and sends a lab result (ORU^R01). Every message gets AA once written; the
 * content is in riverside's view; the Encounter reaches st-marys' feed (it is in the person's
 * care too); the A01 resent writes nothing twice.
 */
class Hl7SystemTest {

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
            patient(registration.getPID(), "STMARYS", ST_MARYS_OID, "H7S-" + run, "Hl7-" + run);
            registration.getPV1().getPatientClass().setValue("O");
            assertEquals("AA", ackCode(send(st, registration.encode())));

            ADT_A01 admit = HAPI.newMessage(ADT_A01.class);
            admit.initQuickstart("ADT", "A01", "P");
            header(admit.getMSH(), "RIVERSIDE", "R-" + run, "ADT_A01");
            patient(admit.getPID(), "RIVERSIDE", RIVERSIDE_OID, riversideMrn, "Hl7-" + run);
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
            patient(
                    lab.getPATIENT_RESULT().getPATIENT().getPID(),
                    "RIVERSIDE",
                    RIVERSIDE_OID,
                    riversideMrn,
                    "Hl7-" + run);
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
        String person = Hl7Messages.personAtRiverside(riversideMrn);
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
}
