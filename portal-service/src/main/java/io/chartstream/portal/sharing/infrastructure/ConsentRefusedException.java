package io.chartstream.portal.sharing.infrastructure;

/** The exchange refused the consent (4xx); the message is its OperationOutcome's diagnostics. */
public class ConsentRefusedException extends RuntimeException {

    public ConsentRefusedException(String message) {
        super(message);
    }
}
