package io.chartstream.exchange.view.domain;

/** A view change with its place in the organization's feed. */
public record NumberedChange(long eventNumber, ViewChange change) {
}
