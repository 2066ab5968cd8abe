package io.chartstream.contracts.audit;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.ContractViolation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditStreamsTest {

    @Test
    void theApprovedAnchorReadsAndWritesUnchanged() throws Exception {
        String approved = AuditStreams.approvedAnchor();
        AuditAnchorV1 anchor = ContractJson.mapper().readValue(approved, AuditAnchorV1.class);

        assertEquals(1042, anchor.sequence());
        assertEquals(ContractJson.tree(approved), ContractJson.tree(ContractJson.write(anchor)));
    }

    @Test
    void anAnchorWithoutItsHashIsAViolation() {
        assertThrows(ContractViolation.class, () -> new AuditAnchorV1(1, null, "2026-12-05T10:00:00Z"));
    }
}
