package io.chartstream.exchange.feed.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.contracts.SubjectId;
import io.chartstream.contracts.Topics;

import java.util.UUID;

/** What an organization's feed topic carries ({@code chartstream.org.<orgId>.feed}, docs/events.md). */
public sealed interface FeedEvent {

    /** The organization's view of a person changed; {@code resource} is the FHIR resource as the view now holds it. */
    record ViewChanged(
            @SubjectId UUID personId, String organization, long eventNumber, String change, JsonNode resource)
            implements FeedEvent {}

    static String streamOf(String organization) {
        return "feed-" + organization;
    }

    static String topicOf(String organization) {
        return Topics.feedOf(organization);
    }
}
