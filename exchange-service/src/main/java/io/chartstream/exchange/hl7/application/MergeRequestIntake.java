package io.chartstream.exchange.hl7.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.gateway.application.AuditedPersonMerges;
import io.chartstream.exchange.gateway.application.IdempotentWrites;
import io.chartstream.exchange.gateway.domain.IdempotencyRules;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import io.chartstream.exchange.hl7.infrastructure.Hl7Codec;
import io.chartstream.exchange.hl7.infrastructure.Hl7Header;
import io.chartstream.exchange.hl7.infrastructure.MergeMessage;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An ADT^A40 as a request to the HIE administrators (decisions: "ADT^A40 asks"): patient-service
 * records a review task naming both persons, the organization and the message; an administrator's
 * {@code link} merges, {@code not-a-match} declines. The request itself joins nothing and grants
 * nothing. Under the message's idempotency key like every message, and audited once per request.
 * AA means "request recorded" (or: both identifiers name one person already).
 */
@ApplicationScoped
public class MergeRequestIntake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdempotentWrites writes;
    private final MatchReviewForwarder mpi;
    private final AuditAppender audit;
    private final FhirContext fhir;

    public MergeRequestIntake(
            IdempotentWrites writes, MatchReviewForwarder mpi, AuditAppender audit, FhirContext fhir) {
        this.writes = writes;
        this.mpi = mpi;
        this.audit = audit;
        this.fhir = fhir;
    }

    /** The MPI's answer to the request, kept under the message's key: a resend gets it again. */
    public StoredResponse request(String er7, Hl7Header header, Organization org, MergeMessage merge)
            throws SQLException, InterruptedException {
        String key = header.idempotencyKey();
        String fingerprint = IdempotencyRules.fingerprint("HL7", header.type(), null, null, er7);
        ActingParty caller = new ActingParty(org.id(), "hl7:" + header.facility(), key);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("survivorIdentifier")
                .put("system", merge.survivorSystem())
                .put("value", merge.survivorValue());
        body.putObject("mergedIdentifier").put("system", merge.priorSystem()).put("value", merge.priorValue());
        body.put("messageControlId", header.controlId());
        return writes.run(org.id(), key, fingerprint, () -> {
                    MatchReviewForwarder.Answer answer =
                            mpi.requestMerge(caller, String.join(",", org.identifierSystems()), body.toString());
                    if (answer.status() == 409 || answer.status() >= 500) {
                        // not kept under the key: the resend this AR asks for must reach the MPI again
                        throw new FhirProblem(
                                answer.status() == 409 ? 409 : 503,
                                answer.status() == 409 ? IssueType.CONFLICT : IssueType.TRANSIENT,
                                diagnostics(answer.body()));
                    }
                    audit(caller, header.controlId(), answer);
                    return new StoredResponse(answer.status(), answer.contentType(), answer.body(), null, null, null);
                })
                .response();
    }

    /**
     * AA for a recorded request (or one person already); AE naming PID-3 or MRG-1 for an identifier
     * the MPI does not know, or MRG-1 for a pair an administrator declined. A person changed meanwhile
     * or an MPI failure is not an answer kept under the key: {@link #request} throws it, and the
     * intake answers AR (resend).
     */
    public String ack(Hl7Codec codec, Message message, StoredResponse answer) throws HL7Exception, IOException {
        int status = answer.status();
        if (status / 100 == 2) {
            return codec.accept(message);
        }
        String text = diagnostics(answer.body());
        String field = expression(answer.body());
        if ("survivorIdentifier".equals(field)) {
            return codec.refuse(
                    message,
                    AcknowledgmentCode.AE,
                    SegmentRef.first("PID"),
                    3,
                    ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "PID-3: " + text);
        }
        ErrorCode code = "mergedIdentifier".equals(field)
                ? ErrorCode.UNKNOWN_KEY_IDENTIFIER
                : ErrorCode.APPLICATION_RECORD_LOCKED;
        return codec.refuse(message, AcknowledgmentCode.AE, SegmentRef.first("MRG"), 1, code, "MRG-1: " + text);
    }

    private void audit(ActingParty caller, String controlId, MatchReviewForwarder.Answer answer) throws SQLException {
        boolean taken = answer.status() / 100 == 2;
        JsonNode named = taken ? AuditedPersonMerges.tree(answer.body()) : JSON.createObjectNode();
        String outcome = taken ? named.path("outcome").asText("") : "not taken: " + answer.status();
        String detail =
                "ADT^A40 " + controlId + ": " + outcome + (taken ? "" : " " + bounded(diagnostics(answer.body())));
        try {
            audit.append(List.of(ChannelEntries.mergeRequest(
                    caller.organization(),
                    caller.actor(),
                    controlId,
                    taken,
                    uuid(named.path("survivorPersonId"))
                            .or(() -> uuid(named.path("personId")))
                            .orElse(null),
                    uuid(named.path("personId")).orElse(null),
                    named.path("reviewId").isTextual() ? named.path("reviewId").asText() : null,
                    Instant.now(),
                    detail)));
        } catch (SQLException e) {
            // not acknowledged: the sender resends, the MPI answers the same request, and it is audited then
            throw Disclosures.notAudited(e);
        }
    }

    private String diagnostics(String body) {
        OperationOutcome outcome = outcome(body);
        return outcome == null
                ? String.valueOf(body)
                : outcome.getIssueFirstRep().getDiagnostics();
    }

    private String expression(String body) {
        OperationOutcome outcome = outcome(body);
        return outcome == null || !outcome.getIssueFirstRep().hasExpression()
                ? null
                : outcome.getIssueFirstRep().getExpression().stream()
                        .map(StringType::getValue)
                        .findFirst()
                        .orElse(null);
    }

    private OperationOutcome outcome(String body) {
        try {
            return body == null ? null : fhir.newJsonParser().parseResource(OperationOutcome.class, body);
        } catch (DataFormatException | ClassCastException e) {
            return null;
        }
    }

    private static Optional<UUID> uuid(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(UUID.fromString(node.asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String bounded(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
