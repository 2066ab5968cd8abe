package io.chartstream.patient.review.application;

/**
 * A merge request whose {@code side} identifier is not the organization's own ({@code unknown}
 * false) or names no person ({@code unknown} true): nothing is written.
 */
public class MergeRequestRefused extends RuntimeException {

    private final MergeRequest.Side side;
    private final boolean unknown;

    public MergeRequestRefused(MergeRequest.Side side, boolean unknown, String message) {
        super(message);
        this.side = side;
        this.unknown = unknown;
    }

    public MergeRequest.Side side() {
        return side;
    }

    public boolean unknown() {
        return unknown;
    }
}
