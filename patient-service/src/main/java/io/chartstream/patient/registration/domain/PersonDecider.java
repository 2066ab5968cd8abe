package io.chartstream.patient.registration.domain;

import io.chartstream.eventsourcing.decider.Decider;
import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewRequested;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PatientEvent.RegistrationRevised;
import io.chartstream.patient.registration.domain.PersonCommand.DecideReview;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;
import io.chartstream.patient.registration.domain.PersonCommand.ReviseRegistration;

import java.util.ArrayList;
import java.util.List;

/**
 * The person aggregate as two pure functions. Every event carries one identifier, so a
 * registration with several identifiers becomes several events; an (organization, identifier)
 * link the person already has produces nothing, which is what makes re-registering idempotent.
 */
public final class PersonDecider implements Decider<PersonCommand, PatientEvent, Person> {

    public static final PersonDecider INSTANCE = new PersonDecider();

    private PersonDecider() {}

    @Override
    public Person initialState() {
        return Person.NONE;
    }

    @Override
    public List<PatientEvent> decide(PersonCommand command, Person state) {
        return switch (command) {
            case RegisterPerson register -> register(register, state);
            case LinkRegistration link -> link(link, state);
            case DecideReview review -> decideReview(review, state);
            case PersonCommand.MergePersons merge -> PersonMerging.merge(merge, state);
            case PersonCommand.UnmergePersons unmerge -> PersonMerging.unmerge(unmerge, state);
            case ReviseRegistration revise -> RegistrationRevisions.decide(revise, state);
            case PersonCommand.RequestMerge request -> MergeRequests.decide(request, state);
        };
    }

    @Override
    public Person evolve(Person state, PatientEvent event) {
        return switch (event) {
            case PatientRegistered registered ->
                new Person(
                                registered.personId(),
                                state.version() + 1,
                                registered.patient(),
                                List.of(new Person.Link(registered.organization(), registered.identifier())))
                        .withDocument(
                                new Person.Link(registered.organization(), registered.identifier()),
                                registered.patient());
            case IdentifierLinked linked ->
                state.withLink(new Person.Link(linked.organization(), linked.identifier()))
                        .withDocument(new Person.Link(linked.organization(), linked.identifier()), linked.patient());
            case MatchReviewRequested review ->
                state.withReview(new Person.Review(
                        review.reviewId(),
                        review.candidatePersonId(),
                        review.organization(),
                        review.identifier(),
                        null));
            case MatchReviewDecided decided -> state.withDecision(decided.reviewId(), decided.decision());
            case PatientEvent.PersonsMerged merged -> PersonMerging.evolve(state, merged);
            case PatientEvent.PersonsUnmerged unmerged -> PersonMerging.evolve(state, unmerged);
            case RegistrationRevised revised -> RegistrationRevisions.evolve(state, revised);
            case PatientEvent.PersonMergeRequested requested -> MergeRequests.evolve(state, requested);
        };
    }

    private static List<PatientEvent> register(RegisterPerson command, Person state) {
        if (state.exists()) {
            throw new IllegalStateException("person " + command.personId() + " is already registered");
        }
        Registration r = command.registration();
        List<PatientEvent> events = new ArrayList<>();
        events.add(new PatientRegistered(
                command.personId(), r.organization(), r.identifiers().get(0), r.patient()));
        // The submission's further identifiers point at the person it has just registered.
        for (Identifier more : r.identifiers().subList(1, r.identifiers().size())) {
            events.add(new IdentifierLinked(
                    command.personId(), r.organization(), more, r.patient(), MatchedOn.IDENTIFIER));
        }
        PersonCommand.PossibleMatch possible = command.possibleMatch();
        if (possible != null) {
            events.add(new MatchReviewRequested(
                    possible.reviewId(),
                    command.personId(),
                    r.organization(),
                    r.identifiers().get(0),
                    possible.candidatePersonId(),
                    possible.evidence()));
        }
        return events;
    }

    private static List<PatientEvent> link(LinkRegistration command, Person state) {
        if (!state.exists() || !state.personId().equals(command.personId())) {
            throw new IllegalStateException("person " + command.personId() + " is not registered");
        }
        Registration r = command.registration();
        return r.identifiers().stream()
                .filter(id -> !state.hasLink(r.organization(), id))
                .<PatientEvent>map(id -> new IdentifierLinked(
                        command.personId(), r.organization(), id, r.patient(), command.matchedOn(), command.evidence()))
                .toList();
    }

    /**
     * A decision on an open review of this person. A link joins two persons that each have a
     * registration of their own, which is a merge of this person into the candidate: the caller
     * decides it ({@link PersonCommand.MergePersons}) in the same transaction (decisions §21).
     */
    private static List<PatientEvent> decideReview(DecideReview command, Person state) {
        Person.Review review = state.openReview(command.reviewId())
                .orElseThrow(() -> new ReviewNotOpen("no open match review " + command.reviewId()));
        return List.of(new MatchReviewDecided(
                review.reviewId(),
                state.personId(),
                review.organization(),
                review.identifier(),
                review.candidatePersonId(),
                command.decision()));
    }
}
