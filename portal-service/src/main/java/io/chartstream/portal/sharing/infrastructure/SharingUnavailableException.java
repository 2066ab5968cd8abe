package io.chartstream.portal.sharing.infrastructure;

/** The exchange did not answer, or answered with a server error: a retry may succeed. */
public class SharingUnavailableException extends RuntimeException {

    public SharingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
