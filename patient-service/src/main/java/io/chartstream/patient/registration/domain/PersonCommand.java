package io.chartstream.patient.registration.domain;

import java.util.UUID;

/** What the MPI decided to do with a registration, once matching has run. */
public sealed interface PersonCommand {

    UUID personId();

    /** No existing person matched: register a new enterprise person under this id. */
    record RegisterPerson(UUID personId, Registration registration, PossibleMatch possibleMatch)
            implements PersonCommand {

        public RegisterPerson(UUID personId, Registration registration) {
            this(personId, registration, null);
        }
    }

    /** A person the registration may be, for review (never linked by itself). */
    record PossibleMatch(UUID reviewId, UUID candidatePersonId, MatchEvidence evidence) {}

    /** The registration is this existing person, matched as {@code matchedOn} says. */
    record LinkRegistration(UUID personId, Registration registration, MatchedOn matchedOn, MatchEvidence evidence)
            implements PersonCommand {

        public LinkRegistration(UUID personId, Registration registration, MatchedOn matchedOn) {
            this(personId, registration, matchedOn, null);
        }
    }

    /**
     * An administrator's decision on the open review {@code reviewId} of this person (the new
     * person a possible match became).
     */
    record DecideReview(UUID personId, UUID reviewId, ReviewDecision decision) implements PersonCommand {}

    /**
     * {@code organization} asks that this person (named by its prior identifier {@code identifier})
     * be merged into {@code survivor} (named by {@code survivorIdentifier}), as an HL7 ADT^A40 does;
     * {@code survivor} is that person's state, read with this one's, because whether the pair was
     * asked or declined before may be on either stream. An administrator decides; nothing is joined.
     */
    record RequestMerge(
            UUID personId,
            UUID reviewId,
            String organization,
            Identifier identifier,
            Person survivor,
            Identifier survivorIdentifier,
            String messageControlId)
            implements PersonCommand {}

    /**
     * Merge {@code mergedPersonId} into {@code survivorPersonId}, decided on the stream of
     * {@code personId} (one of the two: a merge is decided and appended on both streams).
     */
    record MergePersons(
            UUID personId, UUID mergeId, UUID survivorPersonId, UUID mergedPersonId, String reason, UUID reviewId)
            implements PersonCommand {}

    /** Undo the merge of {@code mergedPersonId} into {@code survivorPersonId}, on the stream of {@code personId}. */
    record UnmergePersons(UUID personId, UUID survivorPersonId, UUID mergedPersonId, String reason)
            implements PersonCommand {}

    /**
     * {@code organization} revises its own registration of this person, the one under
     * {@code identifier}: {@code patient} is what it now sends (new name, address, phone, a birth
     * date corrected). Never moves the registration to another person.
     */
    record ReviseRegistration(UUID personId, String organization, Identifier identifier, PatientDocument patient)
            implements PersonCommand {}
}
