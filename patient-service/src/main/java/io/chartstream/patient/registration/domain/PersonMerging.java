package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.Merges.MergeLink;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsMerged;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsUnmerged;
import io.chartstream.patient.registration.domain.PersonCommand.MergePersons;
import io.chartstream.patient.registration.domain.PersonCommand.UnmergePersons;

import java.util.List;
import java.util.UUID;

/**
 * Merge and unmerge as {@link PersonDecider} decides and folds them, on one of the two persons'
 * streams at a time (a merge is decided on both, in one transaction). Only persons of their own
 * take part: a merged person is neither merged again nor a survivor, so persons and merges stay a
 * forest and the survivor of anyone is found by following {@code replacedBy}. Deciding again what
 * is already so gives nothing (idempotent).
 */
final class PersonMerging {

    private PersonMerging() {}

    static List<PatientEvent> merge(MergePersons command, Person state) {
        requireOneOfTwo(state, command.personId(), command.survivorPersonId(), command.mergedPersonId());
        boolean mergedSide = command.personId().equals(command.mergedPersonId());
        UUID other = mergedSide ? command.survivorPersonId() : command.mergedPersonId();
        Merges merges = state.merges();
        if (mergedSide
                && merges.replacedBy() != null
                && merges.replacedBy().personId().equals(other)) {
            return List.of();
        }
        if (!mergedSide && merges.replacing(other).isPresent()) {
            return List.of();
        }
        if (state.isMerged()) {
            throw new MergeRefused("person " + state.personId() + " was merged into "
                    + merges.replacedBy().personId() + " already: only a person of its own can be "
                    + (mergedSide ? "merged" : "a survivor"));
        }
        return List.of(new PersonsMerged(
                command.mergeId(),
                state.personId(),
                command.survivorPersonId(),
                command.mergedPersonId(),
                command.reason(),
                command.reviewId()));
    }

    static List<PatientEvent> unmerge(UnmergePersons command, Person state) {
        requireOneOfTwo(state, command.personId(), command.survivorPersonId(), command.mergedPersonId());
        boolean mergedSide = command.personId().equals(command.mergedPersonId());
        Merges merges = state.merges();
        MergeLink link = mergedSide
                ? (merges.replacedBy() != null && merges.replacedBy().personId().equals(command.survivorPersonId())
                        ? merges.replacedBy()
                        : null)
                : merges.replacing(command.mergedPersonId()).orElse(null);
        if (link == null) {
            throw new MergeRefused(
                    "person " + command.mergedPersonId() + " is not merged into " + command.survivorPersonId());
        }
        return List.of(new PersonsUnmerged(
                link.mergeId(),
                state.personId(),
                command.survivorPersonId(),
                command.mergedPersonId(),
                command.reason()));
    }

    static Person evolve(Person state, PersonsMerged merged) {
        return merged.onMergedPersonStream()
                ? state.withMerges(
                        state.merges().replacedBy(new MergeLink(merged.mergeId(), merged.survivorPersonId())))
                : state.withMerges(state.merges().replacing(new MergeLink(merged.mergeId(), merged.mergedPersonId())));
    }

    static Person evolve(Person state, PersonsUnmerged unmerged) {
        return unmerged.onMergedPersonStream()
                ? state.withMerges(state.merges().restored())
                : state.withMerges(state.merges().notReplacing(unmerged.mergedPersonId()));
    }

    private static void requireOneOfTwo(Person state, UUID personId, UUID survivor, UUID merged) {
        if (survivor.equals(merged)) {
            throw new MergeRefused("a person cannot be merged with itself: " + survivor);
        }
        if (!personId.equals(survivor) && !personId.equals(merged)) {
            throw new IllegalArgumentException("person " + personId + " is neither " + survivor + " nor " + merged);
        }
        if (!state.exists() || !state.personId().equals(personId)) {
            throw new MergeRefused("person " + personId + " is not registered");
        }
    }
}
