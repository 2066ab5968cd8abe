package io.chartstream.patient.merge.application;

/** A merge or unmerge names a person the MPI has never registered. */
public class UnknownPerson extends RuntimeException {

    public UnknownPerson(String message) {
        super(message);
    }
}
