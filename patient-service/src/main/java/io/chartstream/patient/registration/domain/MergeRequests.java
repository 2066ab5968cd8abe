package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.PersonMergeRequested;
import io.chartstream.patient.registration.domain.PersonCommand.RequestMerge;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's request that two persons be merged (HL7 ADT^A40), as {@link PersonDecider}
 * decides and folds it on the stream of the person to be merged. It is a review task like a
 * possible match (decisions §20): open until an administrator decides; a pair asked already is
 * not asked again, and a pair an administrator declined (either way round) is refused.
 */
public final class MergeRequests {

    private MergeRequests() {}

    static List<PatientEvent> decide(RequestMerge command, Person state) {
        Person survivor = command.survivor();
        if (!state.exists() || !state.personId().equals(command.personId())) {
            throw new MergeRefused("person " + command.personId() + " is not registered");
        }
        if (!survivor.exists()) {
            throw new MergeRefused("the survivor is not registered");
        }
        if (survivor.personId().equals(state.personId())) {
            throw new MergeRefused("a person cannot be merged with itself: " + state.personId());
        }
        for (Person side : List.of(state, survivor)) {
            if (side.isMerged()) {
                throw new MergeRefused("person " + side.personId() + " was merged into "
                        + side.merges().replacedBy().personId() + ": only persons of their own are merged");
            }
        }
        if (state.notMatching().contains(survivor.personId())
                || survivor.notMatching().contains(state.personId())) {
            throw new MergeDeclined("an HIE administrator decided that " + state.personId() + " and "
                    + survivor.personId() + " are not the same person");
        }
        if (pending(state, survivor).isPresent()) {
            return List.of();
        }
        return List.of(new PersonMergeRequested(
                command.reviewId(),
                state.personId(),
                command.organization(),
                command.identifier(),
                survivor.personId(),
                command.survivorIdentifier(),
                command.messageControlId()));
    }

    /** The open review of this pair (asked by a request or raised by a registration, either way round). */
    public static Optional<UUID> pending(Person state, Person other) {
        return openWith(state, other.personId()).or(() -> openWith(other, state.personId()));
    }

    static Person evolve(Person state, PersonMergeRequested requested) {
        return state.withReview(new Person.Review(
                requested.reviewId(),
                requested.survivorPersonId(),
                requested.organization(),
                requested.identifier(),
                null));
    }

    private static Optional<UUID> openWith(Person person, UUID candidate) {
        return person.reviews().stream()
                .filter(r -> r.isOpen() && r.candidatePersonId().equals(candidate))
                .map(Person.Review::reviewId)
                .findFirst();
    }
}
