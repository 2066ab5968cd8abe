package io.chartstream.contracts.patient;

import java.util.List;

/**
 * Why probabilistic matching joined (or proposed to join) two registrations: the total weight
 * (bits) and each compared field's level and weight, so a reviewer sees why. {@code heldBackBy}
 * (optional, decisions §12 and §47): for a possible match, what kept it from a link, by name
 * ({@code BELOW_CERTAIN_THRESHOLD}, {@code CORROBORATED}, {@code AMBIGUOUS}, ...: an open code);
 * empty for a link, and absent in events written before it was recorded.
 */
public record MatchEvidenceV1(double score, List<FieldContributionV1> contributions, List<String> heldBackBy) {

    public MatchEvidenceV1 {
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
        heldBackBy = heldBackBy == null ? List.of() : List.copyOf(heldBackBy);
    }

    /** Evidence without what held it back (a link). */
    public MatchEvidenceV1(double score, List<FieldContributionV1> contributions) {
        this(score, contributions, List.of());
    }

    /** One field: {@code GIVEN}, {@code FAMILY}, ...; its level ({@code EXACT}, {@code NICKNAME}, ...); its weight. */
    public record FieldContributionV1(String field, String level, double weight) {}
}
