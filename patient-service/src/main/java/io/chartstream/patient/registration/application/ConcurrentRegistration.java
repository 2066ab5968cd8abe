package io.chartstream.patient.registration.application;

/**
 * Another transaction registered one of the same identifiers first (the unique index on
 * (system, value) said so) or wrote the same person stream: decide again on fresh state.
 */
public class ConcurrentRegistration extends RuntimeException {

    public ConcurrentRegistration(String message, Throwable cause) {
        super(message, cause);
    }
}
