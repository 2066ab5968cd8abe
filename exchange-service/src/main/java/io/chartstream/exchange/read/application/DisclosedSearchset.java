package io.chartstream.exchange.read.application;

import ca.uhn.fhir.parser.IParser;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.DisclosureRules;
import io.chartstream.fhir.ActingParty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A searchset of persons, each a disclosure to the caller: each record is submitted as its person
 * is added, commits while the Bundle is encoded, and the answer is handed out only once all are
 * committed (else 503, nothing disclosed).
 */
public final class DisclosedSearchset {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    private final List<Disclosures.Pending> pending = new ArrayList<>();
    private final Disclosures disclosures;
    private final ActingParty caller;
    private final String what;
    private final String fhirBase;

    public DisclosedSearchset(Disclosures disclosures, ActingParty caller, String what, String fhirBase) {
        this.disclosures = disclosures;
        this.caller = caller;
        this.what = what;
        this.fhirBase = fhirBase;
    }

    /** Adds the person's Patient as a match, disclosed under the purpose its care bases give. */
    public Bundle.BundleEntrySearchComponent add(UUID person, Set<Basis> bases, Patient patient) {
        pending.add(disclosures.disclose(
                person, caller, what, DisclosureRules.purposeOfUse(bases), List.of("Patient/" + person)));
        Bundle.BundleEntryComponent entry =
                bundle.addEntry().setFullUrl(fhirBase + "/Patient/" + person).setResource(patient);
        return entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }

    public int size() {
        return bundle.getEntry().size();
    }

    /** The Bundle with its total (and {@code selfUrl}, when given), once every disclosure is recorded. */
    public String answer(IParser parser, String selfUrl) {
        bundle.setTotal(size());
        if (selfUrl != null) {
            bundle.addLink().setRelation("self").setUrl(selfUrl);
        }
        String encoded = parser.encodeResourceToString(bundle);
        pending.forEach(Disclosures.Pending::awaitRecorded);
        return encoded;
    }
}
