package io.chartstream.exchange.organization.domain;

/** A registration the directory refuses: invalid input, or the id is taken by a different organization. */
public class RegistrationRejected extends RuntimeException {

    public enum Reason {
        INVALID,
        ALREADY_REGISTERED
    }

    private final Reason reason;

    public RegistrationRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
