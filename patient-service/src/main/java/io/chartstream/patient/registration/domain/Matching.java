package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.MatchOutcome;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.matching.domain.UncorroboratedLink;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Matching, in rungs: the organization's own identifiers first, then the exact certain
 * demographic match (Demographics#certainlySamePersonAs), then probabilistic matching (issue 12). Matching is not
 * authorization: only identifiers of the organization's own assigning authorities reach a
 * Registration, so another organization's MRN or a national identifier never links. Pure: the
 * caller looks the candidates up and hands them in.
 */
public final class Matching {

    private Matching() {}

    /**
     * @param knownIdentifiers     submitted identifiers the index already knows, with their person
     * @param demographicCandidates persons whose first registration has the submission's match key
     * @param newPersonId          the id a new person gets
     * @throws ConflictingIdentifiers when the identifiers point at more than one person
     */
    public static PersonCommand match(
            Registration registration,
            Map<Identifier, UUID> knownIdentifiers,
            Collection<Person> demographicCandidates,
            Supplier<UUID> newPersonId) {
        return match(registration, knownIdentifiers, demographicCandidates, Map.of(), null, newPersonId);
    }

    /**
     * As above, then probabilistic matching against {@code scoredCandidates} (the records of the
     * persons sharing a blocking key, the submitting organization's own persons left out): a
     * certain match links with its score; a possible one registers a new person with a review
     * request, linking nothing; anything else is a new person.
     *
     * @param newId the ids a new person and a review get
     */
    public static PersonCommand match(
            Registration registration,
            Map<Identifier, UUID> knownIdentifiers,
            Collection<Person> demographicCandidates,
            Map<UUID, List<MatchRecord>> scoredCandidates,
            ProbabilisticMatcher matcher,
            Supplier<UUID> newId) {
        return match(
                registration,
                knownIdentifiers,
                demographicCandidates,
                scoredCandidates,
                matcher,
                UncorroboratedLink.OFF,
                null,
                newId);
    }

    /**
     * As above, with decisions §34's option: a candidate certain but for corroboration links when
     * {@code option} finds its demographics sufficient, its name is rare in the index, and no
     * identifier of one assigning authority disagrees (the veto); {@code facts} is asked only then.
     */
    public static PersonCommand match(
            Registration registration,
            Map<Identifier, UUID> knownIdentifiers,
            Collection<Person> demographicCandidates,
            Map<UUID, List<MatchRecord>> scoredCandidates,
            ProbabilisticMatcher matcher,
            UncorroboratedLink option,
            UncorroboratedLinkFacts facts,
            Supplier<UUID> newId) {
        Supplier<UUID> newPersonId = newId;
        Set<UUID> byIdentifier = new LinkedHashSet<>();
        registration.identifiers().stream()
                .map(knownIdentifiers::get)
                .filter(Objects::nonNull)
                .forEach(byIdentifier::add);
        if (byIdentifier.size() > 1) {
            throw new ConflictingIdentifiers(byIdentifier);
        }
        if (byIdentifier.size() == 1) {
            return new LinkRegistration(byIdentifier.iterator().next(), registration, MatchedOn.IDENTIFIER);
        }
        List<Person> sameDemographics = sameDemographicsElsewhere(registration, demographicCandidates);
        // Exactly one certain match links; several mean the index already holds look-alikes, and
        // guessing between them would risk showing one person's record to another: register anew.
        if (sameDemographics.size() == 1) {
            return new LinkRegistration(sameDemographics.get(0).personId(), registration, MatchedOn.DEMOGRAPHICS);
        }
        if (matcher == null || !sameDemographics.isEmpty()) {
            return new RegisterPerson(newPersonId.get(), registration);
        }
        MatchRecord submitted = registration.patient().demographics().matchRecord();
        var best = matcher.best(
                submitted,
                scoredCandidates,
                option,
                (person, known) -> option.rare(facts.nameRecords(known), facts.indexRecords())
                        && !IdentifierVeto.disagree(facts.submittedIdentifiers(), facts.identifiersOf(person)));
        if (best.isEmpty()) {
            return new RegisterPerson(newPersonId.get(), registration);
        }
        MatchEvidence evidence = MatchEvidence.of(best.get().score());
        if (best.get().score().outcome() == MatchOutcome.CERTAIN) {
            return new LinkRegistration(best.get().key(), registration, MatchedOn.DEMOGRAPHICS, evidence);
        }
        UUID personId = newPersonId.get();
        return new RegisterPerson(
                personId,
                registration,
                new PersonCommand.PossibleMatch(newId.get(), best.get().key(), evidence));
    }

    /**
     * Persons whose first registration certainly is the submission's person and that the
     * submitting organization has not registered itself: an organization that already knows a
     * person under another identifier is telling us this patient is someone else.
     */
    static List<Person> sameDemographicsElsewhere(Registration registration, Collection<Person> candidates) {
        var key = registration.patient().demographics().matchKey();
        if (key.isEmpty()) {
            return List.of();
        }
        return candidates.stream()
                .filter(Person::exists)
                .filter(p -> registration
                        .patient()
                        .demographics()
                        .certainlySamePersonAs(p.firstRegistration().demographics()))
                .filter(p -> !p.isLinkedBy(registration.organization()))
                .toList();
    }
}
