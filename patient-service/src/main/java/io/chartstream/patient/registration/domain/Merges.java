package io.chartstream.patient.registration.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's part in merges (FHIR {@code Patient.link}): the survivor it was merged into
 * ({@code replacedBy}, null while it is a person of its own) and the persons merged into it
 * ({@code replaces}), each with the merge that did it, oldest first.
 */
public record Merges(MergeLink replacedBy, List<MergeLink> replaces) {

    public static final Merges NONE = new Merges(null, List.of());

    /** The other person of the merge {@code mergeId}. */
    public record MergeLink(UUID mergeId, UUID personId) {}

    public Merges {
        replaces = List.copyOf(replaces);
    }

    public Optional<MergeLink> replacing(UUID mergedPersonId) {
        return replaces.stream()
                .filter(m -> m.personId().equals(mergedPersonId))
                .findFirst();
    }

    Merges replacedBy(MergeLink survivor) {
        return new Merges(survivor, replaces);
    }

    Merges restored() {
        return new Merges(null, replaces);
    }

    Merges replacing(MergeLink merged) {
        List<MergeLink> more = new ArrayList<>(replaces);
        more.add(merged);
        return new Merges(replacedBy, more);
    }

    Merges notReplacing(UUID mergedPersonId) {
        return new Merges(
                replacedBy,
                replaces.stream()
                        .filter(m -> !m.personId().equals(mergedPersonId))
                        .toList());
    }
}
