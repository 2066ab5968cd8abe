package io.chartstream.contracts.patient;

import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.EventType;
import io.chartstream.contracts.Topics;

import java.util.List;

/** What patient-service (the master patient index) publishes on {@code chartstream.patient.events}. */
public final class PatientContracts {

    public static final String SOURCE = "patient-service";

    public static final Contract<PatientRegisteredV1> PATIENT_REGISTERED = new Contract<>(
            new EventType("patient", "PatientRegistered", 1),
            Topics.PATIENT_EVENTS,
            PatientRegisteredV1.class,
            "a new enterprise person, registered by `organization` under its identifier");

    public static final Contract<IdentifierLinkedV1> IDENTIFIER_LINKED = new Contract<>(
            new EventType("patient", "IdentifierLinked", 1),
            Topics.PATIENT_EVENTS,
            IdentifierLinkedV1.class,
            "another identifier now points at an existing person");

    public static final Contract<MatchReviewRequestedV1> MATCH_REVIEW_REQUESTED = new Contract<>(
            new EventType("patient", "MatchReviewRequested", 1),
            Topics.PATIENT_EVENTS,
            MatchReviewRequestedV1.class,
            "a registration possibly matched an existing person: registered as a new person, not linked, for review");

    public static final Contract<MatchReviewDecidedV1> MATCH_REVIEW_DECIDED = new Contract<>(
            new EventType("patient", "MatchReviewDecided", 1),
            Topics.PATIENT_EVENTS,
            MatchReviewDecidedV1.class,
            "an administrator decided a review: link or not-a-match (remembered, never proposed again)");

    public static final Contract<PersonsMergedV1> PERSONS_MERGED = new Contract<>(
            new EventType("patient", "PersonsMerged", 1),
            Topics.PATIENT_EVENTS,
            PersonsMergedV1.class,
            "an administrator merged one person into another (on both persons' streams): the merged is replaced by the survivor");

    public static final Contract<PersonsUnmergedV1> PERSONS_UNMERGED = new Contract<>(
            new EventType("patient", "PersonsUnmerged", 1),
            Topics.PATIENT_EVENTS,
            PersonsUnmergedV1.class,
            "an administrator undid a merge (on both persons' streams): two persons again");

    public static final Contract<RegistrationRevisedV1> REGISTRATION_REVISED = new Contract<>(
            new EventType("patient", "RegistrationRevised", 1),
            Topics.PATIENT_EVENTS,
            RegistrationRevisedV1.class,
            "an organization revised its own registration of the person (new demographics); links and grants nothing");

    public static final Contract<PersonMergeRequestedV1> PERSON_MERGE_REQUESTED = new Contract<>(
            new EventType("patient", "PersonMergeRequested", 1),
            Topics.PATIENT_EVENTS,
            PersonMergeRequestedV1.class,
            "an organization asked (HL7 ADT^A40) that one person be merged into another: a review task for an administrator; joins and grants nothing");

    public static final List<Contract<?>> ALL = List.of(
            PATIENT_REGISTERED,
            IDENTIFIER_LINKED,
            MATCH_REVIEW_REQUESTED,
            MATCH_REVIEW_DECIDED,
            PERSONS_MERGED,
            PERSONS_UNMERGED,
            REGISTRATION_REVISED,
            PERSON_MERGE_REQUESTED);

    private PatientContracts() {}

    /**
     * The data of a registration, a link or a revision, read into its payload record; any other
     * type is a violation.
     */
    public static PatientEventV1 read(String typeName, String data) {
        if (PATIENT_REGISTERED.is(typeName)) {
            return ContractJson.read(PATIENT_REGISTERED, data);
        }
        if (IDENTIFIER_LINKED.is(typeName)) {
            return ContractJson.read(IDENTIFIER_LINKED, data);
        }
        if (REGISTRATION_REVISED.is(typeName)) {
            return ContractJson.read(REGISTRATION_REVISED, data);
        }
        throw new ContractViolation(typeName + " is not a patient registration, link or revision");
    }

    /** Whether {@code typeName} is an organization's revision of its own registration (new demographics). */
    public static boolean revisesRegistration(String typeName) {
        return REGISTRATION_REVISED.is(typeName);
    }

    /** Whether {@code typeName} tells that an organization now holds an identifier of the person. */
    public static boolean identifiesPerson(String typeName) {
        return PATIENT_REGISTERED.is(typeName) || IDENTIFIER_LINKED.is(typeName);
    }
}
