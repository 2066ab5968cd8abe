package io.chartstream.exchange.feed.domain;

import io.chartstream.exchange.view.domain.ChangeKind;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedNumberingTest {

    private static final UUID PERSON = UUID.randomUUID();

    private static ViewChange change(String org, String id) {
        return new ViewChange(org, PERSON, ChangeKind.ADDED, new VersionedResource("Observation", id, 1, "{}"));
    }

    @Test
    void changesAreNumberedConsecutivelyAfterTheFeedsLastNumber() {
        var a = change("riverside-clinic", "a");
        var b = change("riverside-clinic", "b");
        assertEquals(
                List.of(new NumberedChange(8, a), new NumberedChange(9, b)), FeedNumbering.number(7, List.of(a, b)));
    }

    @Test
    void firstEventOfAFeedIsNumberOne() {
        assertEquals(
                1, FeedNumbering.number(0, List.of(change("lab", "a"))).get(0).eventNumber());
    }

    @Test
    void eachOrganizationKeepsItsChangesInOrder() {
        var r1 = change("riverside-clinic", "1");
        var s1 = change("st-marys-hospital", "1");
        var r2 = change("riverside-clinic", "2");
        var grouped = FeedNumbering.byOrganization(List.of(r1, s1, r2));
        assertEquals(List.of("riverside-clinic", "st-marys-hospital"), List.copyOf(grouped.keySet()));
        assertEquals(List.of(r1, r2), grouped.get("riverside-clinic"));
        assertEquals(List.of(s1), grouped.get("st-marys-hospital"));
    }
}
