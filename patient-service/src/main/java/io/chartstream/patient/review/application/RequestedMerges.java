package io.chartstream.patient.review.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.MergeRequests;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.PersonMergeRequested;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand.RequestMerge;
import io.chartstream.patient.registration.infrastructure.MergeTable;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * An organization's merge request in one transaction: both identifiers resolved to the persons of
 * their own they name now (following merges), then a review task decided on the stream of the person
 * to be merged ({@link MergeRequests}) and queued from its event. Never merges: an administrator's
 * {@code link} does (ReviewDecisions).
 */
@ApplicationScoped
public class RequestedMerges {

    private final DataSource dataSource;
    private final PersonRepository persons;
    private final PersonIndex index;

    public RequestedMerges(DataSource dataSource, PersonRepository persons, PersonIndex index) {
        this.dataSource = dataSource;
        this.persons = persons;
        this.index = index;
    }

    /** What became of a request. */
    public sealed interface Outcome {
        /** Both identifiers name one person already (linked or merged): nothing to ask. */
        record SamePerson(UUID personId) implements Outcome {}

        /**
         * The review task {@code reviewId} is open for the pair; {@code position} of its event when
         * this request wrote it, 0 when the pair was asked already (nothing written).
         */
        record Requested(UUID reviewId, UUID personId, UUID survivorPersonId, long position) implements Outcome {}
    }

    /**
     * {@link MergeRequestRefused} for an identifier not the organization's or unknown; the domain's
     * MergeDeclined when an administrator decided the pair are two persons.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome request(MergeRequest request, EventMetadata metadata) {
        requireOwn(request, MergeRequest.Side.SURVIVOR);
        requireOwn(request, MergeRequest.Side.MERGED);
        try (Connection c = dataSource.getConnection()) {
            UUID survivor = MergeTable.survivorOf(c, personOf(c, request, MergeRequest.Side.SURVIVOR));
            UUID merged = MergeTable.survivorOf(c, personOf(c, request, MergeRequest.Side.MERGED));
            if (survivor.equals(merged)) {
                return new Outcome.SamePerson(survivor);
            }
            Person survivorState = persons.load(c, survivor);
            Decision<Person, PatientEvent> decided = persons.decide(
                    c,
                    new RequestMerge(
                            merged,
                            UUID.randomUUID(),
                            request.organization(),
                            request.merged(),
                            survivorState,
                            request.survivor(),
                            request.messageControlId()));
            if (decided.events().isEmpty()) {
                UUID pending = MergeRequests.pending(decided.state(), survivorState)
                        .orElseThrow(() -> new IllegalStateException("nothing decided and nothing pending"));
                return new Outcome.Requested(pending, merged, survivor, 0);
            }
            index.record(c, decided.events());
            long position = persons.append(c, decided, metadata).position();
            PersonMergeRequested event = (PersonMergeRequested) decided.events().get(0);
            return new Outcome.Requested(event.reviewId(), merged, survivor, position);
        } catch (SQLException e) {
            throw new EventStoreException("could not record the merge request", e);
        }
    }

    /** Only identifiers of the organization's own systems name its patients (decisions §9). */
    private static void requireOwn(MergeRequest request, MergeRequest.Side side) {
        Identifier identifier = identifierOf(request, side);
        if (!request.ownSystems().contains(identifier.system())) {
            throw new MergeRequestRefused(
                    side,
                    false,
                    identifier.system() + " is not an identifier system of organization " + request.organization() + " "
                            + request.ownSystems().stream().sorted().toList());
        }
    }

    /** The person the side's identifier names; refused when it names none. */
    private UUID personOf(Connection c, MergeRequest request, MergeRequest.Side side) {
        Identifier identifier = identifierOf(request, side);
        return index.personOf(c, identifier)
                .orElseThrow(() -> new MergeRequestRefused(
                        side, true, "no person is known under " + identifier + " of " + request.organization()));
    }

    private static Identifier identifierOf(MergeRequest request, MergeRequest.Side side) {
        return side == MergeRequest.Side.SURVIVOR ? request.survivor() : request.merged();
    }
}
