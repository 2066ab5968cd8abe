package io.chartstream.exchange.feed.domain;

import io.chartstream.exchange.view.domain.ViewChange;

/** A view change with its place in the organization's feed. */
public record NumberedChange(long eventNumber, ViewChange change) {}
