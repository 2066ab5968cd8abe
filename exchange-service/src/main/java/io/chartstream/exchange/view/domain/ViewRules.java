package io.chartstream.exchange.view.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Which organization views change, and how, when a person's record changes. An organization
 * has a care relationship with a person once it registered or linked the person; from then on
 * its view holds the latest version of the person's Patient and of every entry, including
 * entries recorded before the relationship began (other organizations' too: it is a shared
 * record). A version older than or equal to the one held changes nothing, so redelivered or
 * reordered events cannot roll a view back.
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

    /** An entry (Observation, Condition ...) arrived: every organization in care of the person sees it. */
    public static List<ViewChange> onEntry(
            UUID personId, Collection<String> organizationsInCare, OptionalLong stored, VersionedResource incoming) {
        return changeOf(stored, incoming.version())
                .map(kind -> organizationsInCare.stream()
                        .map(org -> new ViewChange(org, personId, kind, incoming))
                        .toList())
                .orElse(List.of());
    }

    /**
     * An organization registered or linked the person. Organizations already in care see the
     * Patient amended when it changed; the organization that gains the relationship now gets the
     * Patient and every entry the person already has, as added.
     */
    public static List<ViewChange> onRelationship(
            UUID personId,
            Collection<String> organizationsBefore,
            String organization,
            Optional<VersionedResource> patientBefore,
            VersionedResource patientAfter,
            List<VersionedResource> entries) {
        List<ViewChange> changes = new ArrayList<>();
        OptionalLong storedVersion =
                patientBefore.map(p -> OptionalLong.of(p.version())).orElse(OptionalLong.empty());
        Optional<ChangeKind> patientChange = changeOf(storedVersion, patientAfter.version());
        for (String org : organizationsBefore) {
            if (!org.equals(organization)) {
                patientChange.ifPresent(kind -> changes.add(new ViewChange(org, personId, kind, patientAfter)));
            }
        }
        if (organizationsBefore.contains(organization)) {
            patientChange.ifPresent(kind -> changes.add(new ViewChange(organization, personId, kind, patientAfter)));
        } else {
            changes.add(new ViewChange(organization, personId, ChangeKind.ADDED, patientAfter));
            entries.stream()
                    .filter(e -> !e.isPatient())
                    .forEach(e -> changes.add(new ViewChange(organization, personId, ChangeKind.ADDED, e)));
        }
        return changes;
    }
}
