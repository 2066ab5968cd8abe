package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.exchange.fhirapi.web.RetryLater;

/** The owning service (or the identity provider the gateway needs to call it) did not answer: 503, retry later. */
public class OwnerUnavailable extends RetryLater {

    public OwnerUnavailable(String message, Throwable cause) {
        super(message, 5, cause);
    }
}
