package io.chartstream.patient.review.application;

import io.chartstream.patient.registration.domain.Identifier;

import java.util.Set;

/**
 * What an organization asks with an HL7 ADT^A40: the person its {@code merged} identifier (MRG-1)
 * names merged into the person its {@code survivor} identifier (PID-3) names; {@code ownSystems}
 * are the identifier systems the directory binds to it (only those name its patients).
 */
public record MergeRequest(
        String organization, Set<String> ownSystems, Identifier survivor, Identifier merged, String messageControlId) {

    /** Which of the two identifiers a refusal is about. */
    public enum Side {
        SURVIVOR("survivorIdentifier"),
        MERGED("mergedIdentifier");

        private final String field;

        Side(String field) {
            this.field = field;
        }

        /** The request body's field, named in the OperationOutcome's expression. */
        public String field() {
            return field;
        }
    }
}
