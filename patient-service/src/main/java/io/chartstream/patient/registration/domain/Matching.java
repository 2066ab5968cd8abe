package io.chartstream.patient.registration.domain;

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
 * Deterministic matching, the first rung of the MPI: the organization's own identifiers first,
 * then a certain demographic match (Demographics#certainlySamePersonAs). Matching is not
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
        return new RegisterPerson(newPersonId.get(), registration);
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
