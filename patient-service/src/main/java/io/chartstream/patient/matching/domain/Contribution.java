package io.chartstream.patient.matching.domain;

/** What one field added to a score: its level and log2(m/u) weight. A reviewer reads these. */
public record Contribution(Field field, Level level, double weight) {}
