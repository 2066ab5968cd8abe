package io.chartstream.exchange.gateway.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder.Answer;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.fhir.ActingParty;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The review queue as the administrators use it, audited: a list of open reviews discloses both
 * persons' demographics of each review to the administrator, so each person shown is a
 * disclosure in the trail (purpose HOPERAT, the exchange's own operations) committed before the
 * answer leaves; a decision is an administrative action in the trail, taken or not.
 */
@ApplicationScoped
public class AuditedMatchReviews {

    /** The interaction named in a listing's disclosure records. */
    public static final String LISTED = "MatchReview?open";

    public static final String PURPOSE = "HOPERAT";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatchReviewForwarder reviews;
    private final Disclosures disclosures;
    private final AuditAppender audit;

    public AuditedMatchReviews(MatchReviewForwarder reviews, Disclosures disclosures, AuditAppender audit) {
        this.reviews = reviews;
        this.disclosures = disclosures;
        this.audit = audit;
    }

    public Answer open(Integer count, String admin) {
        Answer answer = reviews.open(count);
        if (answer.status() != 200 || answer.body() == null) {
            return answer;
        }
        ActingParty caller = new ActingParty(null, admin, UUID.randomUUID().toString());
        List<Disclosures.Pending> pending = new ArrayList<>();
        for (JsonNode review : tree(answer.body())) {
            String reviewEntity = "match-review/" + review.path("reviewId").asText();
            for (String side : List.of("person", "candidate", "candidateSurvivor")) {
                personId(review.path(side))
                        .ifPresent(person -> pending.add(
                                disclosures.disclose(person, caller, LISTED, PURPOSE, List.of(reviewEntity))));
            }
        }
        pending.forEach(Disclosures.Pending::awaitRecorded);
        return answer;
    }

    public Answer decide(String reviewId, String admin, String body) {
        Answer answer = reviews.decide(reviewId, admin, body);
        boolean taken = answer.status() == 200;
        JsonNode decided = taken ? tree(answer.body()) : JSON.createObjectNode();
        String detail = "decision " + decision(body) + (taken ? "" : ", not taken: " + answer.status())
                + (decided.path("mergeId").isTextual()
                        ? ", merge " + decided.path("mergeId").asText()
                        : "");
        try {
            audit.append(List.of(ChannelEntries.matchReviewDecision(
                    reviewId,
                    taken,
                    admin,
                    uuid(decided.path("personId")).orElse(null),
                    uuid(decided.path("candidatePersonId")).orElse(null),
                    Instant.now(),
                    detail)));
        } catch (SQLException e) {
            // the MPI has the decision (its event); the administrator is told that the trail has not
            throw Disclosures.notAudited(e);
        }
        return answer;
    }

    private static String decision(String body) {
        try {
            String named =
                    body == null ? "" : JSON.readTree(body).path("decision").asText("");
            // what the administrator sent goes into the trail, bounded
            return named.length() > 40 ? named.substring(0, 40) : named;
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<UUID> personId(JsonNode side) {
        return uuid(side.path("personId"));
    }

    private static Optional<UUID> uuid(JsonNode node) {
        return node.isTextual() ? Uuids.parse(node.asText()) : Optional.empty();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}
