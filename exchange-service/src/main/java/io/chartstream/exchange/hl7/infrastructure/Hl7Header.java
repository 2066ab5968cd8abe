package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;

/** What MSH says about a message: who sent it (MSH-4), its control id (MSH-10) and its type (MSH-9). */
public record Hl7Header(String facility, String controlId, String messageCode, String triggerEvent) {

    public static Hl7Header of(Message message) throws HL7Exception {
        Terser msh = new Terser(message);
        return new Hl7Header(
                blankToNull(msh.get("/MSH-4-1")),
                blankToNull(msh.get("/MSH-10")),
                blankToNull(msh.get("/MSH-9-1")),
                blankToNull(msh.get("/MSH-9-2")));
    }

    public String type() {
        return messageCode + "^" + triggerEvent;
    }

    /** The idempotency key of the message: a control id is unique per sending facility. */
    public String idempotencyKey() {
        return "hl7:" + facility + ":" + controlId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
