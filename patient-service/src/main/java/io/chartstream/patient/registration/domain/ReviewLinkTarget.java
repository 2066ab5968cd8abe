package io.chartstream.patient.registration.domain;

import java.util.UUID;

/**
 * Whom a review's {@code link} merges the review's person into. The reviewer looked at the
 * candidate; when the candidate has been merged into another person since the review was raised,
 * the link would join the review's person to a record nobody reviewed, so it is refused until the
 * reviewer confirms that survivor by naming it (decisions §25).
 */
public final class ReviewLinkTarget {

    private ReviewLinkTarget() {}

    /**
     * @param candidate the review's candidate
     * @param candidateNow the person of its own the candidate is now (itself unless merged)
     * @param confirmed the survivor the reviewer named, or null
     * @throws CandidateMerged when the candidate was merged and {@code confirmed} is not its survivor,
     *     or when {@code confirmed} names anyone but the person the link would merge into
     */
    public static UUID survivor(UUID candidate, UUID candidateNow, UUID confirmed) {
        if (confirmed != null && !confirmed.equals(candidateNow)) {
            throw new CandidateMerged("the link would merge into " + candidateNow + ", not " + confirmed
                    + " (candidate " + candidate + "): look again and decide anew");
        }
        if (!candidateNow.equals(candidate) && confirmed == null) {
            throw new CandidateMerged("candidate " + candidate + " was merged into " + candidateNow
                    + " since this review was raised: look at " + candidateNow + " (the review listing shows it as"
                    + " candidateSurvivor) and decide again naming it as survivorPersonId, or decide not-a-match");
        }
        return candidateNow;
    }

    /** A link that would merge into a person the reviewer has not confirmed. */
    public static final class CandidateMerged extends MergeRefused {

        public CandidateMerged(String message) {
            super(message);
        }
    }
}
