package io.chartstream.exchange.view.application;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.exchange.view.domain.ViewChange;

import java.sql.Connection;
import java.util.List;

/**
 * Where the org-views projection hands its changes, in its own transaction (the feed feature
 * implements it). The view does not know the feed; the feed knows the view's changes: one
 * direction, no cycle between the two features.
 */
public interface ViewChangePublisher {

    void publish(Connection c, List<ViewChange> changes, EventMetadata cause) throws Exception;
}
