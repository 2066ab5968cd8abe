package io.chartstream.patient.review.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.matching.domain.HeldBack;
import io.chartstream.patient.registration.infrastructure.MergeTable;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The open possible matches (mpi_match_review) with both persons' registered demographics side by
 * side (mpi_match_record). A decision is an event on the person's stream; the row is closed from it.
 */
@ApplicationScoped
public class ReviewQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public ReviewQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An open review: what raised it ({@code kind}: {@code possible-match}, a registration's score
     * with each field's contribution, or {@code merge-request}, an organization's ADT^A40 naming its
     * {@code messageControlId}, no score), the organization, and both persons' records. For a
     * merge request {@code person} is the one to be merged and {@code candidate} the survivor. When
     * the candidate was merged into someone since, also that survivor's records
     * ({@code candidateSurvivor}, else null), the person a link would now join.
     */
    public record OpenReview(
            UUID reviewId,
            String kind,
            String organization,
            String messageControlId,
            Double score,
            JsonNode contributions,
            List<HeldBackBy> heldBackBy,
            Side person,
            Side candidate,
            Side candidateSurvivor) {}

    /**
     * What kept a possible match from a link: a rule (or the threshold, or the ambiguity) by name
     * and, for a reader, its reason (null for a name this version does not know).
     */
    public record HeldBackBy(String rule, String reason) {

        static HeldBackBy named(String rule) {
            return new HeldBackBy(
                    rule,
                    Arrays.stream(HeldBack.values())
                            .filter(h -> h.name().equals(rule))
                            .map(HeldBack::reason)
                            .findFirst()
                            .orElse(null));
        }
    }

    /** One person of the pair and the demographics each registration of it brought. */
    public record Side(UUID personId, List<Map<String, Object>> records) {}

    public List<OpenReview> open(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select review_id, person_id, candidate_person_id, organization, score, contributions::text,
                               kind, message_control_id, held_back_by::text
                        from mpi_match_review where decision is null order by requested_at limit ?
                        """)) {
            ps.setInt(1, limit);
            List<OpenReview> reviews = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID person = rs.getObject(2, UUID.class);
                    UUID candidate = rs.getObject(3, UUID.class);
                    UUID survivor = MergeTable.survivorOf(c, candidate);
                    String contributions = rs.getString(6);
                    reviews.add(new OpenReview(
                            rs.getObject(1, UUID.class),
                            rs.getString(7),
                            rs.getString(4),
                            rs.getString(8),
                            rs.getObject(5, Double.class),
                            contributions == null ? null : JSON.readTree(contributions),
                            heldBackBy(rs.getString(9)),
                            new Side(person, records(c, person)),
                            new Side(candidate, records(c, candidate)),
                            survivor.equals(candidate) ? null : new Side(survivor, records(c, survivor))));
                }
            }
            return reviews;
        } catch (SQLException e) {
            throw new EventStoreException("could not list the match reviews", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when not recorded: a merge request, or a review raised before §47. */
    private static List<HeldBackBy> heldBackBy(String json) throws IOException {
        if (json == null) {
            return null;
        }
        List<HeldBackBy> reasons = new ArrayList<>();
        JSON.readTree(json).forEach(rule -> reasons.add(HeldBackBy.named(rule.asText())));
        return reasons;
    }

    /** The person whose review {@code reviewId} is, whatever its state. */
    public Optional<UUID> personOf(Connection c, UUID reviewId) {
        try (PreparedStatement ps = c.prepareStatement("select person_id from mpi_match_review where review_id = ?")) {
            ps.setObject(1, reviewId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not find the match review", e);
        }
    }

    private static List<Map<String, Object>> records(Connection c, UUID personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select organization, given, family, birth_date, gender, phone, address_line, postal_code,
                       ssn is not null
                from mpi_match_record where person_id = ? order by record_id
                """)) {
            ps.setObject(1, personId);
            List<Map<String, Object>> records = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("organization", rs.getString(1));
                    r.put("given", rs.getString(2));
                    r.put("family", rs.getString(3));
                    r.put("birthDate", rs.getString(4));
                    r.put("gender", rs.getString(5));
                    r.put("phone", rs.getString(6));
                    r.put("addressLine", rs.getString(7));
                    r.put("postalCode", rs.getString(8));
                    // the SSN itself is not shown to a reviewer: whether it agreed is in the contributions
                    r.put("ssnKnown", rs.getBoolean(9));
                    records.add(r);
                }
            }
            return records;
        }
    }
}
