package io.chartstream.exchange.relationship.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How long relationships last and where break-the-glass is reported. */
@ConfigMapping(prefix = "chartstream.access")
public interface AccessConfig {

    /** An attested treatment relationship lasts this long unless renewed. */
    @WithDefault("P90D")
    Duration attestationValidFor();

    /** Break-the-glass access lasts this long. */
    @WithDefault("PT4H")
    Duration emergencyValidFor();

    /** An identifier relationship with no write by its organization for this long ends as inactive. */
    @WithDefault("P730D")
    Duration inactivityPeriod();

    /** How often due and idle relationships are ended. */
    @WithDefault("5s")
    Duration expiryCheckEvery();

    /** The HIE's privacy office webhook, alerted at once on break-the-glass (JSON POST); none when absent. */
    Optional<String> privacyWebhookUrl();
}
