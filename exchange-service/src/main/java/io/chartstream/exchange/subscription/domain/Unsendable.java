package io.chartstream.exchange.subscription.domain;

/**
 * A feed event a delivery channel can never send as it is (its content does not convert to the
 * channel's message): passed over, so that one event does not stop an organization's feed.
 */
public final class Unsendable extends RuntimeException {

    public Unsendable(String message, Throwable cause) {
        super(message, cause);
    }
}
