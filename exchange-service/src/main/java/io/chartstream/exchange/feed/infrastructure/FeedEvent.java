package io.chartstream.exchange.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** What an organization's feed topic carries ({@code chartstream.org.<orgId>.feed}, docs/events.md). */
public sealed interface FeedEvent {

    String TYPE_VIEW_CHANGED = "io.chartstream.exchange.ViewChanged.v1";

    /** The organization's view of a person changed; {@code resource} is the FHIR resource as the view now holds it. */
    record ViewChanged(UUID personId, String organization, long eventNumber, String change, JsonNode resource)
            implements FeedEvent {
    }

    static String streamOf(String organization) {
        return "feed-" + organization;
    }

    static String topicOf(String organization) {
        return "chartstream.org." + organization + ".feed";
    }
}
