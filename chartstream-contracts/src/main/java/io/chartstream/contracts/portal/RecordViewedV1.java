package io.chartstream.contracts.portal;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.portal.RecordViewed.v1}: the patient viewed their own record (or who can
 * see it, or who saw it) in the portal. {@code actor} is the signed-in user, {@code what} the page
 * or API ({@code record}, {@code api/record}, {@code sharing}, {@code disclosures}), {@code at}
 * ISO-8601.
 */
public record RecordViewedV1(UUID viewId, @SubjectId UUID personId, String actor, String what, String at) {

    public RecordViewedV1 {
        ContractViolation.required(viewId, "viewId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(what, "what");
        ContractViolation.required(at, "at");
    }
}
