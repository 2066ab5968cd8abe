package io.chartstream.exchange.access.domain;

/** A command the access rules refuse; {@link Reason} tells the edge which answer to give. */
public class AccessRejected extends RuntimeException {

    public enum Reason {
        /** the request is incomplete (e.g. no reason given): 422 */
        INVALID,
        /** the patient's choices forbid it: 403 */
        FORBIDDEN
    }

    private final Reason reason;

    public AccessRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
