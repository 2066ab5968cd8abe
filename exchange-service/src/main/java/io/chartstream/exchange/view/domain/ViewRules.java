package io.chartstream.exchange.view.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How an organization's view of a person changes: the view holds the latest version of every
 * resource of the person's record the organization may see (the disclosure rules decide), so a
 * change is the difference between what it may see now and what it holds. Entries recorded before
 * a relationship began are included (it is a shared record); a version older than or equal to the
 * one held changes nothing, so redelivered or reordered events cannot roll a view back.
 */
public final class ViewRules {

    private ViewRules() {}

    /** The change an incoming version makes to a record holding {@code stored}; empty when stale. */
    public static Optional<ChangeKind> changeOf(OptionalLong stored, long incoming) {
        if (stored.isEmpty()) {
            return Optional.of(ChangeKind.ADDED);
        }
        return incoming > stored.getAsLong() ? Optional.of(ChangeKind.AMENDED) : Optional.empty();
    }

    /**
     * An entry entered in error leaves the view of every organization that holds it, whatever the
     * disclosure rules: {@code holders} are those organizations. The change carries the entry's
     * last version and no JSON. An organization that does not hold it learns nothing.
     */
    public static List<ViewChange> enteredInError(
            List<String> holders, UUID personId, String resourceType, String id, long version) {
        return holders.stream()
                .map(org -> new ViewChange(
                        org,
                        personId,
                        ChangeKind.ENTERED_IN_ERROR,
                        new VersionedResource(resourceType, id, version, null)))
                .toList();
    }

    /**
     * Brings {@code organization}'s view of {@code entries} in line with what it may see.
     *
     * @param held    the versions the view holds now, by {@link RecordEntry#key()}, for (at least) these entries
     * @param visible the disclosure decision for the organization
     * @return additions and amendments of visible entries, removals of held entries it may no longer see;
     *     a removal carries the held version and no JSON
     */
    public static List<ViewChange> reconcile(
            String organization,
            UUID personId,
            List<RecordEntry> entries,
            Map<String, Long> held,
            Predicate<RecordEntry> visible) {
        List<ViewChange> changes = new ArrayList<>();
        for (RecordEntry entry : entries) {
            Long version = held.get(entry.key());
            VersionedResource r = entry.resource();
            if (visible.test(entry)) {
                OptionalLong stored = version == null ? OptionalLong.empty() : OptionalLong.of(version);
                changeOf(stored, r.version())
                        .ifPresent(kind -> changes.add(new ViewChange(organization, personId, kind, r)));
            } else if (version != null) {
                changes.add(new ViewChange(
                        organization,
                        personId,
                        ChangeKind.REMOVED,
                        new VersionedResource(r.resourceType(), r.id(), version, null)));
            }
        }
        return changes;
    }
}
