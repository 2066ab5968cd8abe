package io.chartstream.exchange.hl7.domain;

/** A segment of a message by its id and its 1-based occurrence among segments of that id (ERR-2's location). */
public record SegmentRef(String segment, int occurrence) {

    public static SegmentRef first(String segment) {
        return new SegmentRef(segment, 1);
    }

    @Override
    public String toString() {
        return segment + (occurrence > 1 ? "[" + occurrence + "]" : "");
    }
}
