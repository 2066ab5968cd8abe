package io.chartstream.patient.registration.domain;

/** A decision for a review the person's stream does not hold open: unknown, or decided already. */
public class ReviewNotOpen extends RuntimeException {

    public ReviewNotOpen(String message) {
        super(message);
    }
}
