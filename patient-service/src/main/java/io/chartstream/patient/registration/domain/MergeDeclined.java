package io.chartstream.patient.registration.domain;

/** A merge asked of a pair an administrator decided are two persons (a remembered not-a-match). */
public class MergeDeclined extends RuntimeException {

    public MergeDeclined(String message) {
        super(message);
    }
}
