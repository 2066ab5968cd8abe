package io.chartstream.system;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.message.VXU_V04;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.TopicReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HL7 v2 as a sending EHR builds it with HAPI, and one MLLP exchange with the running exchange. */
public final class Hl7Messages {

    public static final HapiContext HAPI = new DefaultHapiContext();
    public static final String RIVERSIDE_OID = "2.16.840.1.113883.3.7001.1";
    public static final String ST_MARYS_OID = "2.16.840.1.113883.3.7002.1";
    public static final int MLLP_PORT = Integer.getInteger("chartstream.hl7.port", 2575);

    static {
        HAPI.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    private Hl7Messages() {}

    public static void header(MSH msh, String facility, String controlId, String structure) throws HL7Exception {
        msh.getSendingApplication().getNamespaceID().setValue("EHR");
        msh.getSendingFacility().getNamespaceID().setValue(facility);
        msh.getReceivingApplication().getNamespaceID().setValue("CHARTSTREAM");
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId);
    }

    /** The same person as every facility knows them (name, birth date, sex, phone, address), under its MRN. */
    public static void patient(PID pid, String facility, String oid, String mrn, String family) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        var id = pid.getPatientIdentifierList(0);
        id.getIDNumber().setValue(mrn);
        id.getAssigningAuthority().getNamespaceID().setValue(facility);
        id.getAssigningAuthority().getUniversalID().setValue(oid);
        id.getAssigningAuthority().getUniversalIDType().setValue("ISO");
        id.getIdentifierTypeCode().setValue("MR");
        pid.getPatientName(0).getFamilyName().getSurname().setValue(family);
        pid.getPatientName(0).getGivenName().setValue("Maren");
        pid.getDateTimeOfBirth().getTime().setValue("19810312");
        pid.getAdministrativeSex().setValue("F");
        pid.getPatientAddress(0).getStreetAddress().getStreetOrMailingAddress().setValue("7 Harbor Rd");
        pid.getPatientAddress(0).getCity().setValue("Springfield");
        pid.getPatientAddress(0).getZipOrPostalCode().setValue("01103");
        pid.getPhoneNumberHome(0).getTelephoneNumber().setValue("+1 555 0100");
    }

    /** VXU^V04 from riverside: one vaccination whose lot number (RXA-15) names it. */
    public static String vaccination(String controlId, String mrn, String family, String lot)
            throws HL7Exception, IOException {
        VXU_V04 vxu = HAPI.newMessage(VXU_V04.class);
        vxu.initQuickstart("VXU", "V04", "P");
        header(vxu.getMSH(), "RIVERSIDE", controlId, "VXU_V04");
        patient(vxu.getPID(), "RIVERSIDE", RIVERSIDE_OID, mrn, family);
        vxu.getORDER().getORC().getOrderControl().setValue("RE");
        var rxa = vxu.getORDER().getRXA();
        rxa.getGiveSubIDCounter().setValue("0");
        rxa.getAdministrationSubIDCounter().setValue("1");
        rxa.getDateTimeStartOfAdministration().getTime().setValue("20261201");
        code(rxa.getAdministeredCode(), "208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose", "CVX");
        rxa.getAdministeredAmount().setValue("0.3");
        rxa.getAdministeredUnits().getIdentifier().setValue("mL");
        rxa.getSubstanceLotNumber(0).setValue(lot);
        rxa.getCompletionStatus().setValue("CP");
        return vxu.encode();
    }

    public static void code(CE ce, String code, String text, String system) throws HL7Exception {
        ce.getIdentifier().setValue(code);
        ce.getText().setValue(text);
        ce.getNameOfCodingSystem().setValue(system);
    }

    /** One MLLP exchange: the framed message out, the framed ACK back. */
    public static String send(Socket socket, String message) throws IOException {
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

    /** Sends the message on {@code socket} and asserts it is accepted (AA). */
    public static void accepted(Socket socket, Message message) throws HL7Exception, IOException {
        assertEquals("AA", ackCode(send(socket, message.encode())));
    }

    /** The enterprise person id riverside's registration of {@code mrn} got: the key of its feed's change. */
    public static String personAtRiverside(String mrn) {
        return TopicReader.await(
                        RunningExchange.KAFKA,
                        Topics.feedOf("riverside-clinic"),
                        r -> TopicReader.value(r).contains(mrn),
                        1,
                        Duration.ofSeconds(60))
                .get(0)
                .key();
    }

    /** MSA-1; anything but AA comes with the whole ACK, to read in the failure. */
    public static String ackCode(String ack) throws HL7Exception {
        Message parsed = HAPI.getPipeParser().parse(ack);
        String code = new Terser(parsed).get("/MSA-1");
        if (!"AA".equals(code)) {
            return code + " " + ack.replace('\r', '\n');
        }
        return code;
    }
}
