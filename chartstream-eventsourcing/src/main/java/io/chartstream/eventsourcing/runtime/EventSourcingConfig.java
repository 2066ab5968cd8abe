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

        /**
         * The largest event the relay sends (the producer's max.request.size), at most the
         * broker's message.max.bytes: a larger one is parked, not retried. The FHIR body limit
         * at the edge (chartstream.fhir.max-body-bytes, 512 KiB) keeps a resource's event below it.
         */
        @WithDefault("1048576")
        int maxMessageBytes();
    }

    interface Projections {
        @WithDefault("true")
        boolean enabled();
    }
}
