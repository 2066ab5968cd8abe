package io.chartstream.patient.registration.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An enterprise person as folded from its stream: the Patient of its first registration (as its
 * registrant last revised it), every (organization, identifier) link in the order they were made,
 * the reviews of possible matches its registration raised, and the Patient each link's
 * organization last sent for it ({@code documents}), and the merges it took part in
 * ({@code merges}). {@link #NONE} is the state before the first event.
 */
public record Person(
        UUID personId,
        long version,
        PatientDocument firstRegistration,
        List<Link> links,
        List<Review> reviews,
        Merges merges,
        Map<Link, PatientDocument> documents) {

    public static final Person NONE = new Person(null, 0, null, List.of(), List.of(), Merges.NONE, Map.of());

    /** An organization registered the person under an identifier. */
    public record Link(String organization, Identifier identifier) {}

    /**
     * A possible match of this person with {@code candidatePersonId}, raised by the registration
     * {@code organization}/{@code identifier}; {@code decision} is null while it is open.
     */
    public record Review(
            UUID reviewId,
            UUID candidatePersonId,
            String organization,
            Identifier identifier,
            ReviewDecision decision) {

        public boolean isOpen() {
            return decision == null;
        }

        Review decided(ReviewDecision d) {
            return new Review(reviewId, candidatePersonId, organization, identifier, d);
        }
    }

    public Person {
        links = List.copyOf(links);
        reviews = List.copyOf(reviews);
        merges = merges == null ? Merges.NONE : merges;
        documents = Map.copyOf(documents);
    }

    public Person(UUID personId, long version, PatientDocument firstRegistration, List<Link> links) {
        this(personId, version, firstRegistration, links, List.of());
    }

    public Person(
            UUID personId, long version, PatientDocument firstRegistration, List<Link> links, List<Review> reviews) {
        this(personId, version, firstRegistration, links, reviews, Merges.NONE, Map.of());
    }

    public boolean exists() {
        return personId != null;
    }

    public boolean hasLink(String organization, Identifier identifier) {
        return links.contains(new Link(organization, identifier));
    }

    public boolean isLinkedBy(String organization) {
        return links.stream().anyMatch(l -> l.organization().equals(organization));
    }

    /** Every identifier pointing at the person, each once, first-linked first. */
    public List<Identifier> identifiers() {
        LinkedHashSet<Identifier> ids = new LinkedHashSet<>();
        links.forEach(l -> ids.add(l.identifier()));
        return List.copyOf(ids);
    }

    public Optional<Review> openReview(UUID reviewId) {
        return reviews.stream()
                .filter(r -> r.reviewId().equals(reviewId) && r.isOpen())
                .findFirst();
    }

    /** The persons an administrator decided this one is not: never to be proposed again. */
    public Set<UUID> notMatching() {
        return reviews.stream()
                .filter(r -> r.decision() == ReviewDecision.NOT_A_MATCH)
                .map(Review::candidatePersonId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The Patient {@code organization} last sent for its registration under {@code identifier}, if it has it. */
    public Optional<PatientDocument> registrationOf(String organization, Identifier identifier) {
        return Optional.ofNullable(documents.get(new Link(organization, identifier)));
    }

    /** {@code link}'s Patient is now {@code document} (no new version: the event that said so counts it). */
    Person withDocument(Link link, PatientDocument document) {
        Map<Link, PatientDocument> more = new HashMap<>(documents);
        more.put(link, document);
        return new Person(personId, version, firstRegistration, links, reviews, merges, more);
    }

    /** A revision of {@code link}'s registration; the first registration's revision is the person's demographics. */
    Person withRevision(Link link, PatientDocument document, boolean personDemographics) {
        PatientDocument first = personDemographics ? document : firstRegistration;
        return new Person(personId, version + 1, first, links, reviews, merges, documents).withDocument(link, document);
    }

    Person withLink(Link link) {
        List<Link> more = new ArrayList<>(links);
        more.add(link);
        return new Person(personId, version + 1, firstRegistration, more, reviews, merges, documents);
    }

    Person withReview(Review review) {
        List<Review> more = new ArrayList<>(reviews);
        more.add(review);
        return new Person(personId, version + 1, firstRegistration, links, more, merges, documents);
    }

    Person withDecision(UUID reviewId, ReviewDecision decision) {
        List<Review> decided = reviews.stream()
                .map(r -> r.reviewId().equals(reviewId) ? r.decided(decision) : r)
                .toList();
        return new Person(personId, version + 1, firstRegistration, links, decided, merges, documents);
    }

    /** Whether an administrator merged this person into another one (it is replaced by the survivor). */
    public boolean isMerged() {
        return merges.replacedBy() != null;
    }

    Person withMerges(Merges changed) {
        return new Person(personId, version + 1, firstRegistration, links, reviews, changed, documents);
    }
}
