package io.chartstream.patient.registration.domain;

/** A registration the MPI cannot accept as submitted: the submitter must change it. */
public class RegistrationRejected extends RuntimeException {

    public RegistrationRejected(String message) {
        super(message);
    }
}
