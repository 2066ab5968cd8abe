package io.chartstream.patient.lookup.application;

import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.matching.domain.MatchGrade;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * {@code Patient/$match} as the MPI answers it: the blocking index's candidates scored by the
 * registration's matcher, graded, best first. It answers about every person; the gateway passes
 * on only those in the caller's care.
 */
@ApplicationScoped
public class PatientMatches {

    private static final ProbabilisticMatcher MATCHER = ProbabilisticMatcher.standard();

    /** One graded candidate: its score in bits and as a probability. */
    public record Candidate(UUID personId, double score, double probability, String grade) {}

    private final DataSource dataSource;
    private final MatchIndex index;

    public PatientMatches(DataSource dataSource, MatchIndex index) {
        this.dataSource = dataSource;
        this.index = index;
    }

    public List<Candidate> match(MatchRecord submitted) {
        try (Connection c = dataSource.getConnection()) {
            return MATCHER.ranked(submitted, index.candidates(c, submitted)).stream()
                    .flatMap(ranked -> MatchGrade.of(ranked.score()).stream()
                            .map(grade -> new Candidate(
                                    ranked.key(),
                                    ranked.score().total(),
                                    MatchGrade.probability(ranked.score(), MATCHER.weights()),
                                    grade.code())))
                    .toList();
        } catch (SQLException e) {
            throw new EventStoreException("could not match the patient", e);
        }
    }
}
