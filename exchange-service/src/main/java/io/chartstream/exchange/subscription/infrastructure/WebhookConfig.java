package io.chartstream.exchange.subscription.infrastructure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code chartstream.webhooks.*} */
@ConfigMapping(prefix = "chartstream.webhooks")
public interface WebhookConfig {

    @WithDefault("true")
    boolean enabled();

    /** First retry delay after a failed delivery; doubles up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** Receivers delivered to in parallel (each organization stays strictly in order). */
    @WithDefault("4")
    int parallelism();

    /**
     * How long a receiver may fail (no acknowledgement) before its subscription is in error: the
     * metric chartstream_webhook_subscriptions_in_error counts it for the HIE's alert. Delivery
     * keeps retrying at the longest backoff and resumes from where it stopped.
     */
    @WithDefault("10m")
    Duration errorAfter();

    /** The gateway's public FHIR base, for fullUrls in notifications. */
    @WithDefault("http://localhost:8083/fhir")
    String fhirBase();
}
