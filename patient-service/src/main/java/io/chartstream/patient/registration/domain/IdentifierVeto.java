package io.chartstream.patient.registration.domain;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The veto of decisions §34's uncorroborated link: two sets of identifiers disagree when they
 * share an assigning authority (a system) and no value of it. A person one hospital knows as
 * MRN 1 is not the patient a submission names MRN 2 of that hospital, however alike the two look.
 */
public final class IdentifierVeto {

    private IdentifierVeto() {}

    public static boolean disagree(Collection<Identifier> submitted, Collection<Identifier> known) {
        Set<String> systems = known.stream().map(Identifier::system).collect(Collectors.toSet());
        return submitted.stream()
                .map(Identifier::system)
                .filter(systems::contains)
                .distinct()
                .anyMatch(system -> submitted.stream()
                        .filter(i -> i.system().equals(system))
                        .noneMatch(known::contains));
    }
}
