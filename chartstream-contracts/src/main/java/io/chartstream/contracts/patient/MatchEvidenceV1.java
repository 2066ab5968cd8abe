package io.chartstream.contracts.patient;

import java.util.List;

/**
 * Why probabilistic matching joined (or proposed to join) two registrations: the total weight
 * (bits) and each compared field's level and weight, so a reviewer sees why.
 */
public record MatchEvidenceV1(double score, List<FieldContributionV1> contributions) {

    public MatchEvidenceV1 {
        contributions = contributions == null ? List.of() : List.copyOf(contributions);
    }

    /** One field: {@code GIVEN}, {@code FAMILY}, ...; its level ({@code EXACT}, {@code NICKNAME}, ...); its weight. */
    public record FieldContributionV1(String field, String level, double weight) {}
}
