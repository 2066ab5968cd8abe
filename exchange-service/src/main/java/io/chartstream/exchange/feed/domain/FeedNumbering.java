package io.chartstream.exchange.feed.domain;

import io.chartstream.exchange.view.domain.ViewChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every organization's feed numbers its events 1, 2, 3 ... without gaps, so a subscriber that
 * sees 7 after 5 knows it missed 6 and can fetch it ({@code $events}).
 */
public final class FeedNumbering {

    private FeedNumbering() {}

    /** The changes grouped per organization, each group in the order the rules produced it. */
    public static Map<String, List<ViewChange>> byOrganization(List<ViewChange> changes) {
        Map<String, List<ViewChange>> grouped = new LinkedHashMap<>();
        for (ViewChange change : changes) {
            grouped.computeIfAbsent(change.organization(), o -> new ArrayList<>())
                    .add(change);
        }
        return grouped;
    }

    /** Numbers one organization's changes after the last number its feed used. */
    public static List<NumberedChange> number(long lastNumber, List<ViewChange> changesOfOneOrganization) {
        List<NumberedChange> numbered = new ArrayList<>(changesOfOneOrganization.size());
        long n = lastNumber;
        for (ViewChange change : changesOfOneOrganization) {
            numbered.add(new NumberedChange(++n, change));
        }
        return numbered;
    }
}
