package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.ErrorCode;
import io.chartstream.exchange.hl7.domain.SegmentRef;

/**
 * A message whose structure parsed but whose content the exchange cannot record: answered AE,
 * with an ERR segment naming {@code segment} and {@code field}.
 */
public class ContentError extends RuntimeException {

    private final SegmentRef segment;
    private final int field;
    private final ErrorCode code;

    public ContentError(SegmentRef segment, int field, ErrorCode code, String message) {
        super(message);
        this.segment = segment;
        this.field = field;
        this.code = code;
    }

    public static ContentError missing(SegmentRef segment, int field, String what) {
        return new ContentError(
                segment,
                field,
                ErrorCode.REQUIRED_FIELD_MISSING,
                segment + "-" + field + " (" + what + ") is required");
    }

    public SegmentRef segment() {
        return segment;
    }

    public int field() {
        return field;
    }

    public ErrorCode code() {
        return code;
    }
}
