package io.chartstream.eventsourcing.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code chartstream.eventsourcing.*} in a service's application.properties. */
@ConfigMapping(prefix = "chartstream.eventsourcing")
public interface EventSourcingConfig {

    /** The CloudEvents {@code source} of this service's events. */
    @WithDefault("${quarkus.application.name}")
    String source();

    Outbox outbox();

    Projections projections();

    interface Outbox {
        /** The record topic this service publishes to; no relay runs without one. */
        Optional<String> topic();

        @WithDefault("true")
        boolean enabled();
    }

    interface Projections {
        @WithDefault("true")
        boolean enabled();
    }
}
