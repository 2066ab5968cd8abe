package io.chartstream.exchange.subscription.domain;

/**
 * One attempt to hand a feed event to an organization's receiver: acknowledged, or why not
 * ({@code status}: the receiver's HTTP status when it answered one; {@code error}: what went wrong).
 */
public record DeliveryAttempt(boolean acknowledged, Integer status, String error) {

    public static DeliveryAttempt acknowledgedAttempt() {
        return new DeliveryAttempt(true, null, null);
    }

    public static DeliveryAttempt failed(String error) {
        return new DeliveryAttempt(false, null, error);
    }
}
