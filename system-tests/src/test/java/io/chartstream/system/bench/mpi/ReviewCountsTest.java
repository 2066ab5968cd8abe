package io.chartstream.system.bench.mpi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chartstream.system.bench.mpi.LinkQualityTest.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReviewCountsTest {

    static final Map<String, String> ORGS = Map.of("F1", "f1-feed", "F2", "f2-feed", "F3", "f3-feed");

    @Test
    void reviewsAreMatchedToTheRegistrationWhosePersonTheyNameAndJudgedByTheCandidate() {
        List<ExchangePersons.Review> reviews = List.of(
                // C3 is person p2, wrongly holding A3: a review of B2 (p3) against p2 is not B's
                new ExchangePersons.Review("possible-match", "f2-feed", "p3", "p2"),
                // the duplicate (p4) against A's p1: right
                new ExchangePersons.Review("possible-match", "f1-feed", "p4", "p1"),
                // the duplicate's A40: merge p4 into p1
                new ExchangePersons.Review("merge-request", "f1-feed", "p4", "p1"),
                // another organization's task naming p1 is not A1's
                new ExchangePersons.Review("possible-match", "f3-feed", "p1", "p2"));

        ReviewCounts r = ReviewCounts.of(ALL, LinkQualityTest.persons(), reviews, ORGS);

        assertEquals(2, r.reviewed(), "B2 and the duplicate; A1's person is named by another organization's task");
        assertEquals(1, r.reviewedTrue());
        assertEquals(1, r.reviewedDuplicates());
        assertEquals(1, r.duplicates());
        assertEquals(1, r.mergeRequests());
        assertEquals(1, r.mergeRequestsRight());
    }

    @Test
    void aMergeRequestNamingAnotherSurvivorIsNotRight() {
        var reviews = List.of(new ExchangePersons.Review("merge-request", "f1-feed", "p4", "p3"));
        ReviewCounts r = ReviewCounts.of(ALL, LinkQualityTest.persons(), reviews, ORGS);
        assertEquals(1, r.mergeRequests());
        assertEquals(0, r.mergeRequestsRight());
        assertEquals(0, r.reviewed());
    }
}
