package io.chartstream.patient.registration.web;

import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.patient.registration.domain.Identifier;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The identifier systems the directory binds to the acting organization, as the gateway forwards
 * them ({@link ActingParty#ASSIGNING_AUTHORITIES_HEADER}). Only identifiers of these systems are
 * the organization's own: they alone link a registration to a person. The others (another
 * organization's MRN, a national identifier) stay in the Patient document as data.
 */
public final class AssigningAuthorities {

    private AssigningAuthorities() {}

    public static Set<String> parse(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The identifiers of the organization's own systems; 422 when there is none. */
    static List<Identifier> own(String organization, Set<String> ownSystems, List<Identifier> identifiers) {
        List<Identifier> own = identifiers.stream()
                .filter(i -> ownSystems.contains(i.system()))
                .toList();
        if (own.isEmpty()) {
            throw FhirProblem.unprocessable(
                    ownSystems.isEmpty()
                            ? "the directory binds no identifier system to organization " + organization
                                    + ": it cannot register patients until an HIE operator binds its MRN system"
                            : "a Patient needs an identifier of one of organization " + organization
                                    + "'s own systems "
                                    + ownSystems.stream().sorted().toList()
                                    + "; other systems are kept as data but never identify the person");
        }
        return own;
    }
}
