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
import io.chartstream.patient.registration.domain.ReviewLinkTarget;
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
import java.util.ArrayList;
import java.util.List;
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
     * review's person (the registration's) into the candidate, the older person; when the
     * candidate was merged into someone else since, only into that survivor and only when
     * {@code confirmedSurvivor} names it ({@link ReviewLinkTarget}, decisions §25).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Decided decide(UUID reviewId, ReviewDecision decision, UUID confirmedSurvivor, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            UUID personId = queue.personOf(c, reviewId)
                    .orElseThrow(() -> new ReviewNotOpen("no open match review " + reviewId));
            // every person the link may write to, locked before anything is read (decisions §23)
            List<UUID> involved = new ArrayList<>(List.of(personId));
            persons.load(c, personId).openReview(reviewId).ifPresent(r -> involved.add(r.candidatePersonId()));
            if (confirmedSurvivor != null) {
                involved.add(confirmedSurvivor);
            }
            persons.lock(c, involved);
            Decision<Person, PatientEvent> decided = persons.decide(c, new DecideReview(personId, reviewId, decision));
            MatchReviewDecided event = (MatchReviewDecided) decided.events().get(0);
            UUID survivor = decision == ReviewDecision.LINK
                    ? ReviewLinkTarget.survivor(
                            event.candidatePersonId(),
                            MergeTable.survivorOf(c, event.candidatePersonId()),
                            confirmedSurvivor)
                    : null;
            index.record(c, decided.events());
            long position = persons.append(c, decided, metadata).position();
            if (survivor == null) {
                return new Decided(event, position, null);
            }
            PersonMerges.Outcome merged =
                    merges.merge(c, survivor, personId, "match review " + reviewId + ": link", reviewId, metadata);
            return new Decided(event, Math.max(position, merged.position()), merged);
        } catch (SQLException e) {
            throw new EventStoreException("could not decide the match review", e);
        }
    }
}
