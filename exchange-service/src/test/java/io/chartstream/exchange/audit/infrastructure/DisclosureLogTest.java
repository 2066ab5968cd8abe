package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.domain.DisclosureEntries;
import io.chartstream.exchange.audit.domain.TimeOrderedIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The disclosure log chains each group after the head it appended last, without reading it: when
 * another writer (the trail's projection, an administrator's action) appended in between, the
 * group is chained after that record instead, and the chain stays one unbroken line.
 */
@QuarkusTest
class DisclosureLogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DisclosureLog disclosures;

    @Inject
    AuditAppender otherWriter;

    @Inject
    AuditTrail trail;

    @Test
    void aGroupAfterAnotherWritersRecordIsChainedAfterIt() throws Exception {
        UUID person = UUID.randomUUID();
        disclosures.submit(disclosed(person, "first")).await(WAIT);
        AuditEntry admin = ChannelEntries.adminAction("rebuild", "org-views", "ops.bench", Instant.now());
        otherWriter.append(List.of(admin));

        disclosures.submit(disclosed(person, "second")).await(WAIT);
        disclosures.submit(disclosed(person, "third")).await(WAIT);

        List<AuditChain.Link> trailOfPerson = trail.search(
                        new AuditTrail.Query(person, null, null, null, null, null, null, null, 10, 0))
                .links();
        assertEquals(3, trailOfPerson.size());
        AuditChain.Verification verification = trail.verify();
        assertInstanceOf(AuditChain.Intact.class, verification, verification.toString());
    }

    private static AuditEntry disclosed(UUID person, String observation) {
        Instant now = Instant.now();
        return DisclosureEntries.disclosed(
                TimeOrderedIds.next(now.toEpochMilli()),
                now,
                person,
                "riverside-clinic",
                "dr.chen",
                "TREAT",
                "$everything",
                List.of("Observation/" + observation));
    }
}
