package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SIEM stream never skips a sequence: a batch ends before the first missing record. */
class AuditPublicationTest {

    @Test
    void aBatchRunsOnlyAsFarAsTheRecordsFollowOneAnother() {
        assertEquals(List.of(6L, 7L, 8L), sequences(AuditPublication.contiguous(5, links(6, 7, 8))));
        assertEquals(List.of(6L, 7L), sequences(AuditPublication.contiguous(5, links(6, 7, 9, 10))));
        assertEquals(List.of(), sequences(AuditPublication.contiguous(5, links(7, 8))));
        assertEquals(List.of(), sequences(AuditPublication.contiguous(0, links())));
    }

    private static List<AuditChain.Link> links(long... sequences) {
        return LongStream.of(sequences)
                .mapToObj(n -> new AuditChain.Link(n, null, null, null))
                .toList();
    }

    private static List<Long> sequences(List<AuditChain.Link> links) {
        return links.stream().map(AuditChain.Link::sequence).toList();
    }
}
