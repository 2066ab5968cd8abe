package io.chartstream.exchange.hl7.infrastructure;

import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.Bundle;

import java.util.List;

/** The FHIR transaction a message becomes, and for each of its entries the segment it was made from. */
public record MessageBundle(Bundle bundle, List<SegmentRef> sources) {

    public MessageBundle {
        sources = List.copyOf(sources);
    }

    /** The segment entry {@code index} was made from; MSH when the index names no entry. */
    public SegmentRef sourceOf(int index) {
        return index >= 0 && index < sources.size() ? sources.get(index) : SegmentRef.first("MSH");
    }
}
