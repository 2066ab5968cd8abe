package io.chartstream.exchange.hl7.application;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import io.chartstream.exchange.bundle.application.BundleProcessor;
import io.chartstream.exchange.bundle.domain.EntryIds;
import io.chartstream.exchange.gateway.application.IdempotentWrites;
import io.chartstream.exchange.gateway.domain.IdempotencyRules;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import io.chartstream.exchange.hl7.infrastructure.ContentError;
import io.chartstream.exchange.hl7.infrastructure.Hl7Codec;
import io.chartstream.exchange.hl7.infrastructure.Hl7Header;
import io.chartstream.exchange.hl7.infrastructure.MergeMessage;
import io.chartstream.exchange.hl7.infrastructure.MessageBundle;
import io.chartstream.exchange.hl7.infrastructure.MessageToBundle;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes one HL7 v2 message and answers its ACK. The message becomes one FHIR transaction that
 * {@link BundleProcessor} checks whole and writes, acting as the sending facility's organization,
 * under the idempotency key facility + MSH-10: AA only once it is written; the same message again
 * gets AA and writes nothing twice. AE names the segment and field of a content error, AR refuses
 * an unknown facility, an unsupported type, a structure that cannot be parsed, or a failure the
 * sender should resend after (an owner unavailable).
 */
@ApplicationScoped
public class Hl7Intake {

    private static final Logger LOG = Logger.getLogger(Hl7Intake.class);
    private static final Pattern ENTRY_INDEX = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    private final Hl7Codec codec = new Hl7Codec();
    private final OrganizationDirectory organizations;
    private final BundleProcessor processor;
    private final IdempotentWrites writes;
    private final VisitEncounters visits;
    private final RepeatedEntries repeats;
    private final MergeRequestIntake merges;
    private final RecordedEntries reads;

    public Hl7Intake(
            OrganizationDirectory organizations,
            BundleProcessor processor,
            IdempotentWrites writes,
            VisitEncounters visits,
            RepeatedEntries repeats,
            MergeRequestIntake merges,
            RecordedEntries reads) {
        this.organizations = organizations;
        this.processor = processor;
        this.writes = writes;
        this.visits = visits;
        this.repeats = repeats;
        this.merges = merges;
        this.reads = reads;
    }

    @ActivateRequestContext
    public String receive(String er7) throws IOException, InterruptedException {
        Message message;
        Hl7Header header;
        try {
            message = codec.parse(er7);
            header = Hl7Header.of(message);
        } catch (HL7Exception | ContentError | ClassCastException e) {
            return rejectUnreadable(er7, "the message cannot be parsed: " + e.getMessage());
        }
        try {
            return receive(er7, message, header);
        } catch (HL7Exception e) {
            return rejectUnreadable(er7, "the message cannot be read: " + e.getMessage());
        }
    }

    private String receive(String er7, Message message, Hl7Header header)
            throws HL7Exception, IOException, InterruptedException {
        if (header.facility() == null) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    4,
                    ErrorCode.REQUIRED_FIELD_MISSING,
                    "MSH-4 (sending facility) is required");
        }
        if (header.controlId() == null) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    10,
                    ErrorCode.REQUIRED_FIELD_MISSING,
                    "MSH-10 (message control id) is required");
        }
        Optional<Organization> organization;
        try {
            organization = organizations.byFacility(header.facility());
        } catch (SQLException e) {
            return internalError(message, header, e);
        }
        if (organization.isEmpty()) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    4,
                    ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "sending facility " + header.facility() + " is not in the directory: an HIE administrator"
                            + " registers it with its organization (/admin/organizations)");
        }
        if (MergeMessage.TYPE.equals(header.type())) {
            return requestMerge(er7, message, header, organization.get());
        }
        String unsupported = MessageToBundle.unsupported(header);
        if (unsupported != null) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    9,
                    ErrorCode.UNSUPPORTED_EVENT_CODE,
                    unsupported);
        }
        MessageBundle bundle;
        try {
            bundle = MessageToBundle.convert(message, header, organization.get().identifierSystems(), Instant.now());
        } catch (ContentError e) {
            return codec.refuse(message, AcknowledgmentCode.AE, e.segment(), e.field(), e.code(), e.getMessage());
        }
        return record(er7, message, header, organization.get(), bundle);
    }

    private String record(String er7, Message message, Hl7Header header, Organization org, MessageBundle bundle)
            throws HL7Exception, IOException, InterruptedException {
        String key = header.idempotencyKey();
        String fingerprint = IdempotencyRules.fingerprint("HL7", header.type(), null, null, er7);
        ActingParty caller = new ActingParty(org.id(), "hl7:" + header.facility(), key);
        EntryIds ids = EntryIds.derived(org.id(), key, fingerprint);
        AtomicReference<MessageBundle> written = new AtomicReference<>(bundle);
        try {
            // the visit's Encounter and the repeated entries are read inside the key's claim: a resend
            // answered from the key reads nothing
            StoredResponse answer = writes.run(org.id(), key, fingerprint, () -> {
                        // one read of what clinical-service has of the entries the message names by derived id
                        RecordedEntries.Snapshot recorded = reads.read(bundle.bundle(), org.id(), caller);
                        RepeatedEntries.Resolved resolved = repeats.resolve(
                                bundle,
                                org.id(),
                                visits.resolve(bundle.bundle(), org.id(), header, ids, recorded),
                                recorded);
                        written.set(resolved.message());
                        return processor.process(resolved.message().bundle(), caller, resolved.ids());
                    })
                    .response();
            if (answer.status() / 100 == 2) {
                return codec.accept(message);
            }
            return refused(message, written.get(), answer.status(), answer.body());
        } catch (ContentError e) {
            return codec.refuse(message, AcknowledgmentCode.AE, e.segment(), e.field(), e.code(), e.getMessage());
        } catch (FhirProblem problem) {
            return refused(message, written.get(), problem.status(), problem.getMessage());
        } catch (SQLException | RuntimeException e) {
            return internalError(message, header, e);
        }
    }

    /** An ADT^A40: a merge request for the HIE administrators, not a transaction. */
    private String requestMerge(String er7, Message message, Hl7Header header, Organization org)
            throws HL7Exception, IOException, InterruptedException {
        try {
            MergeMessage merge = MergeMessage.read(message, org.identifierSystems());
            return merges.ack(codec, message, merges.request(er7, header, org, merge));
        } catch (ContentError e) {
            return codec.refuse(message, AcknowledgmentCode.AE, e.segment(), e.field(), e.code(), e.getMessage());
        } catch (FhirProblem problem) {
            return refused(message, null, problem.status(), problem.getMessage());
        } catch (SQLException | RuntimeException e) {
            return internalError(message, header, e);
        }
    }

    /**
     * A refusal of the transaction as AE naming the segment its entry came from; AR when the sender
     * should resend (409, 412: the visit's Encounter changed under this message, 5xx).
     */
    private String refused(Message message, MessageBundle bundle, int status, String diagnostics)
            throws HL7Exception, IOException {
        if (status == 409 || status == 412 || status >= 500) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    0,
                    ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "not recorded, resend later: " + diagnostics);
        }
        if (status == 422 && diagnostics != null && diagnostics.contains("Idempotency-Key")) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AR,
                    SegmentRef.first("MSH"),
                    10,
                    ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                    "MSH-10 was already accepted from this facility for a different message");
        }
        Matcher entry = ENTRY_INDEX.matcher(diagnostics == null ? "" : diagnostics);
        SegmentRef segment = entry.find() && bundle != null
                ? bundle.sourceOf(Integer.parseInt(entry.group(1)))
                : SegmentRef.first("MSH");
        ErrorCode code = status == 403 ? ErrorCode.APPLICATION_RECORD_LOCKED : ErrorCode.DATA_TYPE_ERROR;
        return codec.refuse(message, AcknowledgmentCode.AE, segment, 0, code, segment + ": " + diagnostics);
    }

    private String internalError(Message message, Hl7Header header, Exception e) throws HL7Exception, IOException {
        LOG.errorf(e, "HL7 message %s from %s not recorded", header.controlId(), header.facility());
        return codec.refuse(
                message,
                AcknowledgmentCode.AR,
                SegmentRef.first("MSH"),
                0,
                ErrorCode.APPLICATION_INTERNAL_ERROR,
                "not recorded, resend later (internal error)");
    }

    private String rejectUnreadable(String er7, String text) throws IOException {
        try {
            return codec.rejectUnreadable(er7, text);
        } catch (HL7Exception e) {
            throw new IOException("cannot write an AR", e);
        }
    }
}
