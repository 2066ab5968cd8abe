package io.chartstream.patient.matching.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fellegi-Sunter scoring of a submitted record against known ones: the sum of each known field's
 * log2(m/u), then two thresholds. Rules sit on top of the sum ({@link CertaintyRule}), because
 * the fields are not independent where it matters most: households share a family name, birth
 * date, address and phone, and what anyone can learn about a person never links (decisions §9).
 * A total over the certain threshold that breaks a rule is a possible match (a review) when it
 * also reaches the possible threshold. Given and family names are also compared crosswise, and
 * that reading is kept when both names then agree and it scores better (a desk that typed them
 * into each other's field).
 */
public final class ProbabilisticMatcher {

    /**
     * Bits by which the best of several certain persons must lead the next to stay certain: the
     * index then holds a duplicate of one human (earlier registrations sent to review become
     * persons of their own), and the clearly better record is that human, 32:1.
     */
    static final double LEAD = 5;

    private final MatchWeights weights;
    private final FieldComparators comparators;

    public ProbabilisticMatcher(MatchWeights weights, Nicknames nicknames) {
        this.weights = weights;
        this.comparators = new FieldComparators(nicknames);
    }

    public static ProbabilisticMatcher standard() {
        return new ProbabilisticMatcher(MatchWeights.standard(), Nicknames.standard());
    }

    public MatchWeights weights() {
        return weights;
    }

    public MatchScore score(MatchRecord submitted, MatchRecord known) {
        return score(comparators, submitted, submitted.namesSwapped(), known);
    }

    /** {@code swapped}: the submitted record's names read crosswise, made once for all candidates. */
    private MatchScore score(
            FieldComparators comparators, MatchRecord submitted, MatchRecord swapped, MatchRecord known) {
        List<Contribution> straight = contributions(comparators, submitted, known);
        List<Contribution> crossed = contributions(comparators, swapped, known);
        boolean namesSwapped = bothNamesAgree(crossed) && total(crossed) > total(straight);
        List<Contribution> kept = namesSwapped ? crossed : straight;
        return classified(total(kept), kept, namesSwapped, namesSwapped ? swapped : submitted, known);
    }

    /**
     * The best-scoring candidate person (each scored by its best-matching record), if any
     * reaches the possible threshold. Certain only when it is the one certain person or leads the
     * others by {@link #LEAD} bits: two close certain look-alikes mean the index already holds a
     * duplicate or a twin, and guessing would risk one person's record reaching another.
     */
    public <K> Optional<Candidate<K>> best(MatchRecord submitted, Map<K, List<MatchRecord>> recordsByPerson) {
        return best(submitted, recordsByPerson, UncorroboratedLink.OFF, Waiver.none());
    }

    /**
     * As above, with decisions §34's option: a candidate certain but for corroboration links when
     * {@code option} finds its demographics sufficient and {@code waiver} (the index's name count,
     * the identifiers' veto) agrees.
     */
    public <K> Optional<Candidate<K>> best(
            MatchRecord submitted,
            Map<K, List<MatchRecord>> recordsByPerson,
            UncorroboratedLink option,
            Waiver<K> waiver) {
        List<Candidate<K>> ranked = ranked(submitted, recordsByPerson, option, waiver);
        if (ranked.isEmpty() || ranked.get(0).score().outcome() == MatchOutcome.NONE) {
            return Optional.empty();
        }
        return Optional.of(ranked.get(0));
    }

    /**
     * Every candidate person scored by its best-matching record, best first. A certain candidate
     * stays certain only when it is the one certain person or leads the others by {@link #LEAD} bits;
     * otherwise each is possible.
     */
    public <K> List<Candidate<K>> ranked(MatchRecord submitted, Map<K, List<MatchRecord>> recordsByPerson) {
        return ranked(submitted, recordsByPerson, UncorroboratedLink.OFF, Waiver.none());
    }

    private <K> List<Candidate<K>> ranked(
            MatchRecord submitted,
            Map<K, List<MatchRecord>> recordsByPerson,
            UncorroboratedLink option,
            Waiver<K> waiver) {
        List<Candidate<K>> scored = new ArrayList<>();
        MatchRecord swapped = submitted.namesSwapped();
        FieldComparators compared = comparators.forOneRecord();
        recordsByPerson.forEach((key, records) -> {
            MatchRecord bestKnown = null;
            MatchScore best = null;
            Map<MatchRecord, MatchScore> scores = new LinkedHashMap<>();
            for (MatchRecord known : records) {
                MatchScore s = score(compared, submitted, swapped, known);
                scores.put(known, s);
                if (best == null || s.total() > best.total()) {
                    best = s;
                    bestKnown = known;
                }
            }
            if (best == null) {
                return;
            }
            if (best.outcome() != MatchOutcome.CERTAIN
                    && option.demographicsSuffice(
                            best.namesSwapped() ? swapped : submitted, bestKnown, best, weights.certain())
                    && waiver.waives(key, bestKnown)) {
                best = MatchScore.certain(best.total(), best.contributions(), best.namesSwapped());
            }
            // after §34's option, so that a link it allows keeps the person's rules as well
            if (best.outcome() == MatchOutcome.CERTAIN) {
                Set<PersonRule> broken =
                        PersonRule.broken(best.namesSwapped() ? swapped : submitted, bestKnown, best, scores);
                if (!broken.isEmpty()) {
                    best = best.heldBack(HeldBack.ofPersonRules(broken), weights.possible());
                }
            }
            scored.add(new Candidate<>(key, best));
        });
        scored.sort(Comparator.comparingDouble((Candidate<K> c) -> c.score().total())
                .reversed());
        List<Candidate<K>> certain = scored.stream()
                .filter(c -> c.score().outcome() == MatchOutcome.CERTAIN)
                .toList();
        if (certain.size() <= 1
                || certain.get(0).score().total() - certain.get(1).score().total() >= LEAD) {
            return scored;
        }
        return scored.stream()
                .map(c -> c.score().outcome() != MatchOutcome.CERTAIN
                        ? c
                        : new Candidate<>(c.key(), c.score().heldBack(List.of(HeldBack.AMBIGUOUS), weights.possible())))
                .toList();
    }

    /**
     * What only the caller knows about a candidate certain but for corroboration (decisions §34):
     * whether its name is rare in the index and none of its identifiers disagrees with one of the
     * same assigning authority in the submission.
     */
    @FunctionalInterface
    public interface Waiver<K> {
        boolean waives(K person, MatchRecord known);

        static <K> Waiver<K> none() {
            return (person, known) -> false;
        }
    }

    /** One scored candidate. */
    public record Candidate<K>(K key, MatchScore score) {}

    private List<Contribution> contributions(FieldComparators comparators, MatchRecord a, MatchRecord b) {
        List<Contribution> out = new ArrayList<>();
        for (Field field : Field.values()) {
            Level level = comparators.compare(field, a, b);
            if (level != null) {
                out.add(new Contribution(field, level, weights.weight(field, level)));
            }
        }
        return out;
    }

    /** The sum against the thresholds, and over the certain one the rules ({@link CertaintyRule}) that may hold it back. */
    private MatchScore classified(
            double total, List<Contribution> contributions, boolean namesSwapped, MatchRecord a, MatchRecord b) {
        MatchScore score = MatchScore.certain(total, contributions, namesSwapped);
        if (total < weights.certain()) {
            return score.heldBack(List.of(HeldBack.BELOW_CERTAIN_THRESHOLD), weights.possible());
        }
        Set<CertaintyRule> broken = CertaintyRule.broken(a, b, contributions);
        return broken.isEmpty() ? score : score.heldBack(HeldBack.ofCertaintyRules(broken), weights.possible());
    }

    /** The rules on top of the sum (see {@link CertaintyRule}). */
    static boolean mayBeCertain(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return CertaintyRule.broken(a, b, contributions).isEmpty();
    }

    /** Read crosswise only when both names then agree: one shared name is a relative, not a swap. */
    private static boolean bothNamesAgree(List<Contribution> contributions) {
        return contributions.stream()
                        .filter(c -> c.field() == Field.GIVEN || c.field() == Field.FAMILY)
                        .filter(c -> c.level() != Level.DIFFERENT)
                        .count()
                == 2;
    }

    private static double total(List<Contribution> contributions) {
        return contributions.stream().mapToDouble(Contribution::weight).sum();
    }
}
