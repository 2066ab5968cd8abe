package io.chartstream.eventsourcing.cloudevents;

import io.chartstream.eventsourcing.store.RecordedEvent;

/** An event read from Kafka together with the service that published it. */
public record SourcedEvent(String source, RecordedEvent event) {}
