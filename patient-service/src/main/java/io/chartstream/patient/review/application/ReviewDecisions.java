package io.chartstream.patient.review.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.merge.application.PersonMerges;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand.DecideReview;
import io.chartstream.patient.registration.domain.ReviewDecision;
import io.chartstream.patient.registration.domain.ReviewNotOpen;
import io.chartstream.patient.registration.infrastructure.MergeTable;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import io.chartstream.patient.review.infrastructure.ReviewQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * An administrator's decision, in one transaction: decided on the stream of the person the review
 * belongs to (the event is the record of it), then the queue's row closed from that event.
 */
@ApplicationScoped
public class ReviewDecisions {

    private final DataSource dataSource;
    private final ReviewQueue queue;
    private final PersonRepository persons;
    private final PersonIndex index;
    private final PersonMerges merges;

    public ReviewDecisions(
            DataSource dataSource,
            ReviewQueue queue,
            PersonRepository persons,
            PersonIndex index,
            PersonMerges merges) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.persons = persons;
        this.index = index;
        this.merges = merges;
    }

    /**
     * The decision's event and the position of the last event written; for a link, the merge
     * that carried it out (else null).
     */
    public record Decided(MatchReviewDecided event, long position, PersonMerges.Outcome merge) {}

    /**
     * {@link ReviewNotOpen} when the review is unknown or decided already. A link merges the
     * review's person (the registration's) into the candidate, or into whom the candidate was
     * merged since: the older person survives (decisions §21).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Decided decide(UUID reviewId, ReviewDecision decision, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            UUID personId = queue.personOf(c, reviewId)
                    .orElseThrow(() -> new ReviewNotOpen("no open match review " + reviewId));
            Decision<Person, PatientEvent> decided = persons.decide(c, new DecideReview(personId, reviewId, decision));
            index.record(c, decided.events());
            long position = persons.append(c, decided, metadata).position();
            MatchReviewDecided event = (MatchReviewDecided) decided.events().get(0);
            if (decision != ReviewDecision.LINK) {
                return new Decided(event, position, null);
            }
            UUID survivor = MergeTable.survivorOf(c, event.candidatePersonId());
            PersonMerges.Outcome merged =
                    merges.merge(c, survivor, personId, "match review " + reviewId + ": link", reviewId, metadata);
            return new Decided(event, Math.max(position, merged.position()), merged);
        } catch (SQLException e) {
            throw new EventStoreException("could not decide the match review", e);
        }
    }
}
