package io.chartstream.exchange.audit.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class AuditChainTest {

    private static final AuditChain CHAIN =
            new AuditChain("a-test-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void givenAChainAsWritten_whenVerified_thenIntactWithItsLastHash() {
        List<AuditChain.Link> links = chainOf(3);

        AuditChain.Verification v = CHAIN.verify(links, 3);

        assertEquals(new AuditChain.Intact(3, 3, links.get(2).hash()), v);
    }

    @Test
    void givenARecordWhoseContentWasChanged_whenVerified_thenItIsNamedChanged() {
        List<AuditChain.Link> links = chainOf(3);
        AuditChain.Link second = links.get(1);
        AuditEntry e = second.entry();
        links.set(
                1,
                new AuditChain.Link(
                        second.sequence(), withUser(e, "someone-else"), second.previousHash(), second.hash()));

        assertBroken(CHAIN.verify(links, 3), 2, AuditChain.Tampering.CHANGED);
    }

    @Test
    void givenARecordRemovedFromTheMiddle_whenVerified_thenTheGapIsNamedRemoved() {
        List<AuditChain.Link> links = chainOf(3);
        links.remove(1);

        assertBroken(CHAIN.verify(links, 3), 2, AuditChain.Tampering.REMOVED);
    }

    @Test
    void givenTheLastRecordsCutOff_whenVerified_thenTheFirstMissingIsNamedRemoved() {
        List<AuditChain.Link> links = chainOf(3);
        links.remove(2);

        assertBroken(CHAIN.verify(links, 3), 3, AuditChain.Tampering.REMOVED);
    }

    @Test
    void givenARecordAddedPastTheExchangesHead_whenVerified_thenItIsNamedInserted() {
        List<AuditChain.Link> links = chainOf(3);
        links.add(CHAIN.append(links.get(2), entry("forger")));

        assertBroken(CHAIN.verify(links, 3), 4, AuditChain.Tampering.INSERTED);
    }

    @Test
    void givenARecordReplacedByOneThatDoesNotLink_whenVerified_thenItIsNamedInserted() {
        List<AuditChain.Link> links = chainOf(3);
        links.set(1, CHAIN.append(new AuditChain.Link(1, null, null, "f".repeat(64)), entry("forger")));

        assertBroken(CHAIN.verify(links, 3), 2, AuditChain.Tampering.INSERTED);
    }

    @Test
    void givenAChainForgedWithAnotherKey_whenVerified_thenTheFirstRecordIsNamedChanged() {
        AuditChain forger =
                new AuditChain("another-key-that-is-thirty-two-bytes-long".getBytes(StandardCharsets.UTF_8));
        List<AuditChain.Link> links = new ArrayList<>();
        links.add(forger.append(null, entry("dr.x")));

        assertBroken(CHAIN.verify(links, 1), 1, AuditChain.Tampering.CHANGED);
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new AuditChain("short".getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertBroken(AuditChain.Verification v, long sequence, AuditChain.Tampering tampering) {
        AuditChain.Broken broken = assertInstanceOf(AuditChain.Broken.class, v);
        assertEquals(sequence, broken.sequence(), broken.detail());
        assertEquals(tampering, broken.tampering(), broken.detail());
    }

    private static List<AuditChain.Link> chainOf(int n) {
        List<AuditChain.Link> links = new ArrayList<>();
        AuditChain.Link previous = null;
        for (int i = 0; i < n; i++) {
            previous = CHAIN.append(previous, entry("dr." + i));
            links.add(previous);
        }
        return links;
    }

    private static AuditEntry entry(String user) {
        UUID person = UUID.randomUUID();
        return new AuditEntry(
                UUID.randomUUID(),
                Instant.parse("2026-12-05T10:00:00.123456789Z"),
                "rest",
                "operation",
                "E",
                AuditEntry.SUCCESS,
                user,
                "riverside-clinic",
                "TREAT",
                "exchange-service",
                person,
                List.of("Patient/" + person, "Patient/$everything"),
                null);
    }

    private static AuditEntry withUser(AuditEntry e, String user) {
        return new AuditEntry(
                e.sourceEventId(),
                e.recorded(),
                e.type(),
                e.subtype(),
                e.action(),
                e.outcome(),
                user,
                e.agentOrganization(),
                e.purposeOfUse(),
                e.source(),
                e.patient(),
                e.entities(),
                e.detail());
    }
}
