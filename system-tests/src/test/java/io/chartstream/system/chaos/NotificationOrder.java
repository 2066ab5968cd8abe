package io.chartstream.system.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the hospital's notifications arrived in order. The feed numbers every change to the
 * organization's view 1, 2, 3 …, and delivery is strictly in order and at least once: so each
 * arrival is either the next number or one already delivered again (a redelivery, allowed by the
 * contract and counted); a number that skips ahead or comes back unseen is out of order. Each
 * writer's writes must also be notified in the order they were acknowledged.
 */
record NotificationOrder(int delivered, int redelivered, int outOfOrder, int badSignatures, List<String> problems) {

    static NotificationOrder of(List<WebhookJournal.Notification> arrived, List<ClosedLoad.Write> acknowledged) {
        List<String> problems = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Map<String, Long> numberOfFocus = new HashMap<>();
        int redelivered = 0;
        int outOfOrder = 0;
        int badSignatures = 0;
        long highest = arrived.isEmpty() ? 0 : arrived.getFirst().eventNumber() - 1;
        for (WebhookJournal.Notification n : arrived) {
            if (!n.validSignature()) {
                badSignatures++;
                problems.add("bad signature on event " + n.eventNumber());
            }
            if (seen.contains(n.eventNumber())) {
                redelivered++;
            } else if (n.eventNumber() == highest + 1) {
                highest = n.eventNumber();
            } else {
                outOfOrder++;
                problems.add("event " + n.eventNumber() + " arrived after " + highest);
                highest = Math.max(highest, n.eventNumber());
            }
            seen.add(n.eventNumber());
            numberOfFocus.putIfAbsent(n.focus(), n.eventNumber());
        }
        Map<Integer, List<ClosedLoad.Write>> byWriter = new HashMap<>();
        acknowledged.forEach(w ->
                byWriter.computeIfAbsent(w.writer(), k -> new ArrayList<>()).add(w));
        for (List<ClosedLoad.Write> writes : byWriter.values()) {
            writes.sort(Comparator.comparingInt(ClosedLoad.Write::seq));
            long previous = 0;
            for (ClosedLoad.Write w : writes) {
                Long number = numberOfFocus.get("Observation/" + w.id());
                if (number == null) {
                    continue; // missing notifications are counted by the caller
                }
                if (number <= previous) {
                    outOfOrder++;
                    problems.add(w.key() + " notified as event " + number + ", after event " + previous
                            + " of an earlier write of the same client");
                }
                previous = number;
            }
        }
        return new NotificationOrder(seen.size(), redelivered, outOfOrder, badSignatures, problems);
    }

    /** The acknowledged writes without a notification about their entry. */
    static List<String> missing(List<WebhookJournal.Notification> arrived, List<ClosedLoad.Write> acknowledged) {
        Set<String> focused = new HashSet<>();
        arrived.forEach(n -> focused.add(n.focus()));
        return acknowledged.stream()
                .filter(w -> !focused.contains("Observation/" + w.id()))
                .map(ClosedLoad.Write::key)
                .toList();
    }
}
