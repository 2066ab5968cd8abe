package io.chartstream.exchange.fhirapi.web;

/** A temporary refusal: 503 with {@code Retry-After}, as an OperationOutcome. */
public class RetryLater extends RuntimeException {

    private final int retryAfterSeconds;

    public RetryLater(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
