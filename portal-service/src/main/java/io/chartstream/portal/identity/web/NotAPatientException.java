package io.chartstream.portal.identity.web;

/** The caller is signed in but the token names no enterprise person: there is no record to show. */
public class NotAPatientException extends RuntimeException {

    public NotAPatientException(String message) {
        super(message);
    }
}
