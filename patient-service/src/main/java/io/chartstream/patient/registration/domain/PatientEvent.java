package io.chartstream.patient.registration.domain;

import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * What happened to an enterprise person (stream {@code person-<personId>}). The records are the
 * published contract of docs/events.md: changing a component is a new event version.
 */
public sealed interface PatientEvent {

    UUID personId();

    String organization();

    Identifier identifier();

    /** A new enterprise person, registered by {@code organization} under its identifier. */
    record PatientRegistered(
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            @PersonalData PatientDocument patient) implements PatientEvent {}

    /** Another identifier (of {@code organization}) now points at an existing person. */
    record IdentifierLinked(
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            @PersonalData PatientDocument patient,
            MatchedOn matchedOn,
            MatchEvidence match)
            implements PatientEvent {

        /** A link without a probabilistic score (an identifier, or the exact demographic rule). */
        public IdentifierLinked(
                UUID personId,
                String organization,
                Identifier identifier,
                PatientDocument patient,
                MatchedOn matchedOn) {
            this(personId, organization, identifier, patient, matchedOn, null);
        }
    }

    /**
     * The registration {@code organization}/{@code identifier} (just registered as the new person
     * {@code personId}) may be {@code candidatePersonId}: an administrator decides. Links nothing.
     */
    record MatchReviewRequested(
            UUID reviewId,
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            UUID candidatePersonId,
            MatchEvidence match)
            implements PatientEvent {}

    /**
     * An administrator decided the review {@code reviewId} of this person: the registration
     * {@code organization}/{@code identifier} is ({@code link}) or is not ({@code not-a-match})
     * {@code candidatePersonId}. A not-a-match is remembered: the pair is never proposed again.
     * The administrator and the time are the event's actor and time.
     */
    record MatchReviewDecided(
            UUID reviewId,
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            UUID candidatePersonId,
            ReviewDecision decision)
            implements PatientEvent {}

    /**
     * {@code organization} asked (an HL7 ADT^A40, {@code messageControlId}) that this person, whom its
     * prior identifier {@code identifier} names, be merged into {@code survivorPersonId}, whom its
     * {@code survivorIdentifier} names: a review task for an administrator ({@code reviewId}), decided
     * like a possible match. Joins nothing, grants nothing.
     */
    record PersonMergeRequested(
            UUID reviewId,
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            UUID survivorPersonId,
            Identifier survivorIdentifier,
            String messageControlId)
            implements PatientEvent {}

    /**
     * A merge or its undoing, on both persons' streams ({@code personId} the stream's person). An
     * administrator acts for the exchange: no organization, no identifier.
     */
    sealed interface PersonMergeEvent extends PatientEvent {

        UUID mergeId();

        UUID survivorPersonId();

        UUID mergedPersonId();

        @Override
        default String organization() {
            return null;
        }

        @Override
        default Identifier identifier() {
            return null;
        }

        /** Whether this is the copy on the merged person's stream. */
        default boolean onMergedPersonStream() {
            return personId().equals(mergedPersonId());
        }
    }

    /**
     * An administrator merged {@code mergedPersonId} into {@code survivorPersonId} (the event's
     * actor). {@code reviewId} is the match review whose link it carries out, or null.
     */
    record PersonsMerged(
            UUID mergeId,
            @SubjectId UUID personId,
            UUID survivorPersonId,
            UUID mergedPersonId,
            String reason,
            UUID reviewId)
            implements PersonMergeEvent {}

    /** An administrator undid the merge {@code mergeId}. */
    record PersonsUnmerged(
            UUID mergeId, @SubjectId UUID personId, UUID survivorPersonId, UUID mergedPersonId, String reason)
            implements PersonMergeEvent {}

    /**
     * {@code organization} revised its registration of the person under {@code identifier}:
     * {@code patient} is the Patient it now sends, whole; {@code personDemographics} when that
     * registration is the person's first, whose demographics are the person's. Links nothing,
     * grants nothing.
     */
    record RegistrationRevised(
            @SubjectId UUID personId,
            String organization,
            Identifier identifier,
            @PersonalData PatientDocument patient,
            boolean personDemographics)
            implements PatientEvent {}
}
