package io.chartstream.exchange.gateway.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder.Answer;
import io.chartstream.exchange.read.application.Disclosures;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Merge and unmerge as the administrators use them, audited: each is an administrative action in
 * the trail ({@code person-merge}, {@code person-unmerge}), taken or not, naming both persons and
 * the merge when the MPI named them (decisions §21). A merge grants no organization anything by
 * itself; what each organization sees follows from its care relationships (decisions §9).
 */
@ApplicationScoped
public class AuditedPersonMerges {

    public static final String MERGE = "person-merge";
    public static final String UNMERGE = "person-unmerge";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatchReviewForwarder patientService;
    private final AuditAppender audit;

    public AuditedPersonMerges(MatchReviewForwarder patientService, AuditAppender audit) {
        this.patientService = patientService;
        this.audit = audit;
    }

    public Answer merge(String admin, String body) {
        return audited(MERGE, admin, body, patientService::merge);
    }

    public Answer unmerge(String admin, String body) {
        return audited(UNMERGE, admin, body, patientService::unmerge);
    }

    private Answer audited(String action, String admin, String body, BiFunction<String, String, Answer> call) {
        Answer answer = call.apply(admin, body);
        boolean taken = answer.status() == 200;
        // the MPI's answer names the persons when it took it; else what the administrator asked for
        JsonNode asked = tree(body);
        JsonNode named = taken ? tree(answer.body()) : asked;
        String detail =
                bounded(asked.path("reason").asText("")) + (taken ? "" : " (not taken: " + answer.status() + ")");
        try {
            audit.append(List.of(ChannelEntries.personMerge(
                    action,
                    taken,
                    admin,
                    uuid(named.path("survivorPersonId")),
                    uuid(named.path("mergedPersonId")),
                    named.path("mergeId").isTextual() ? named.path("mergeId").asText() : null,
                    Instant.now(),
                    detail)));
        } catch (SQLException e) {
            // the MPI has done it (its events); the administrator is told that the trail has not
            throw Disclosures.notAudited(e);
        }
        return answer;
    }

    private static String bounded(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static UUID uuid(JsonNode node) {
        return node.isTextual() ? Uuids.parse(node.asText()).orElse(null) : null;
    }

    /** The JSON object an MPI answer holds; an empty object when it holds none. */
    public static JsonNode tree(String json) {
        try {
            JsonNode node = json == null ? null : JSON.readTree(json);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
