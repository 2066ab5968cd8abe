package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.parser.UnexpectedSegmentBehaviourEnum;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartstream.exchange.hl7.domain.SegmentRef;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Parses HL7 v2 (ER7) into the v2.5.1 model, whatever the message's version from 2.3 on, and
 * writes its acknowledgements. Parsing checks structure only: the content is checked where it
 * is converted, so that an error names its field (AE) rather than refusing the message whole.
 */
public final class Hl7Codec {

    private static final String CANONICAL_VERSION = "2.5.1";
    /** A segment id: three upper-case letters or digits (Z-segments included). */
    private static final Pattern SEGMENT_ID = Pattern.compile("[A-Z][A-Z0-9]{2}");

    private final HapiContext context;

    public Hl7Codec() {
        context = new DefaultHapiContext(new CanonicalModelClassFactory(CANONICAL_VERSION));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        context.getParserConfiguration().setUnexpectedSegmentBehaviour(UnexpectedSegmentBehaviourEnum.DROP_TO_ROOT);
    }

    /** The message, or an {@link HL7Exception} when its structure cannot be parsed. */
    public Message parse(String er7) throws HL7Exception {
        PipeParser parser = context.getPipeParser();
        Message message = parser.parse(er7);
        if (message instanceof AbstractGroup root) {
            for (String name : root.getNonStandardNames()) {
                String id = name.replaceAll("[0-9]+$", "");
                if (!SEGMENT_ID
                        .matcher(id.length() > 3 ? id.substring(0, 3) : id)
                        .matches()) {
                    throw new ContentError(
                            SegmentRef.first(id),
                            0,
                            ErrorCode.SEGMENT_SEQUENCE_ERROR,
                            "a segment whose id is not an HL7 segment id: " + id);
                }
            }
        }
        return message;
    }

    public String accept(Message message) throws HL7Exception, IOException {
        return encode(message, message.generateACK(), null);
    }

    /** AE or AR with an ERR segment naming {@code segment} and {@code field} (0: the segment as a whole). */
    public String refuse(
            Message message, AcknowledgmentCode code, SegmentRef segment, int field, ErrorCode error, String text)
            throws HL7Exception, IOException {
        HL7Exception problem = new HL7Exception(text, error);
        Location location =
                new Location().withSegmentName(segment.segment()).withSegmentRepetition(segment.occurrence());
        if (field > 0) {
            location = location.withField(field);
        }
        problem.setLocation(location);
        return encode(message, message.generateACK(code, problem), text);
    }

    /**
     * AR to a message that could not be parsed: from its MSH when that can be read (MSA-2 is then its
     * control id), else from nothing.
     */
    public String rejectUnreadable(String er7, String text) throws HL7Exception, IOException {
        String controlId = null;
        try {
            Segment msh = context.getPipeParser().getCriticalResponseData(er7);
            controlId = Terser.get(msh, 10, 0, 1, 1);
        } catch (HL7Exception | RuntimeException unreadableHeader) {
            // nothing of the message can be echoed
        }
        ACK ack = new ACK();
        ack.setParser(context.getPipeParser());
        ack.initQuickstart("ACK", null, "P");
        ack.getMSA().getAcknowledgmentCode().setValue(AcknowledgmentCode.AR.name());
        ack.getMSA().getMessageControlID().setValue(controlId);
        var err = ack.getERR(0);
        err.getHL7ErrorCode().getIdentifier().setValue(String.valueOf(ErrorCode.APPLICATION_INTERNAL_ERROR.getCode()));
        err.getHL7ErrorCode().getText().setValue("message cannot be parsed");
        err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
        err.getSeverity().setValue("E");
        err.getUserMessage().setValue(truncate(text));
        if (controlId != null) {
            ack.getMSH().getMessageControlID().setValue(controlId);
        }
        return ack.encode();
    }

    private String encode(Message message, Message ack, String text) throws HL7Exception {
        Terser terser = new Terser(ack);
        // the ACK's own control id is the message's: a resent message gets the very same ACK
        terser.set("/MSH-10", new Terser(message).get("/MSH-10"));
        if (text != null) {
            terser.set("/MSA-3", truncate(text));
            terser.set("/ERR-8", truncate(text));
        }
        return context.getPipeParser().encode(ack);
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("[\\r\\n|^~\\\\&]", " ");
        return flat.length() > 80 * 10 ? flat.substring(0, 800) : flat;
    }
}
