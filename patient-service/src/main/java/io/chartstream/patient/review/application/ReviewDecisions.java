package io.chartstream.patient.review.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand.DecideReview;
import io.chartstream.patient.registration.domain.ReviewDecision;
import io.chartstream.patient.registration.domain.ReviewNotOpen;
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

    public ReviewDecisions(DataSource dataSource, ReviewQueue queue, PersonRepository persons, PersonIndex index) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.persons = persons;
        this.index = index;
    }

    /** The decision's event and its position in the store. */
    public record Decided(MatchReviewDecided event, long position) {}

    /** {@link ReviewNotOpen} when the review is unknown or decided already. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Decided decide(UUID reviewId, ReviewDecision decision, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            UUID personId = queue.personOf(c, reviewId)
                    .orElseThrow(() -> new ReviewNotOpen("no open match review " + reviewId));
            Decision<Person, PatientEvent> decided = persons.decide(c, new DecideReview(personId, reviewId, decision));
            index.record(c, decided.events());
            long position = persons.append(c, decided, metadata).position();
            return new Decided((MatchReviewDecided) decided.events().get(0), position);
        } catch (SQLException e) {
            throw new EventStoreException("could not decide the match review", e);
        }
    }
}
