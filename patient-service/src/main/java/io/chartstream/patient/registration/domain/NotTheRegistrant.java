package io.chartstream.patient.registration.domain;

/** A revision of a registration the organization does not have (another's, or of another person). */
public class NotTheRegistrant extends RuntimeException {

    public NotTheRegistrant(String message) {
        super(message);
    }
}
