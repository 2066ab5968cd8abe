package io.chartstream.patient.registration.domain;

/**
 * A link decision for a possible match: the registration became a person of its own, so joining
 * it to the candidate is a merge of two persons, which does not exist yet (issue 12, part 3).
 */
public class MergeNotSupported extends RuntimeException {

    public MergeNotSupported(String message) {
        super(message);
    }
}
