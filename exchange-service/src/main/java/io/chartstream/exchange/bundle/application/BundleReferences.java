package io.chartstream.exchange.bundle.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.directory.application.ProviderDirectory;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The references of a Bundle's entries, made literal before an owner sees them: a {@code fullUrl}
 * of another entry (usually {@code urn:uuid:...}) becomes the {@code Type/id} that entry got; a
 * conditional reference is resolved, to the provider directory
 * ({@code Organization?identifier=system|value}) or to a patient in the caller's care
 * ({@code Patient?identifier=system|value}; a patient in no relationship with the caller is
 * never found, so a reference cannot reveal that a person exists elsewhere).
 */
@ApplicationScoped
public class BundleReferences {

    private final FhirContext fhir;
    private final ProviderDirectory directory;
    private final OrgViews views;

    public BundleReferences(FhirContext fhir, ProviderDirectory directory, OrgViews views) {
        this.fhir = fhir;
        this.directory = directory;
        this.views = views;
    }

    /** Every reference {@code resource} holds, at any depth. */
    public List<Reference> of(Resource resource) {
        return fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class);
    }

    /**
     * Rewrites {@code references} (those {@link #of} found in a resource) in place; 422 for one
     * that cannot be resolved.
     */
    public void rewrite(List<Reference> references, Map<String, String> targets, ActingParty caller)
            throws SQLException {
        for (Reference reference : references) {
            // HAPI links a Bundle's references to its entries' resources in memory; the owner gets
            // the literal reference alone
            reference.setResource(null);
            String value = reference.getReference();
            if (value == null || value.isEmpty()) {
                continue;
            }
            String target = targets.get(value);
            if (target != null) {
                reference.setReference(target);
            } else if (value.startsWith("urn:")) {
                throw FhirProblem.unprocessable("the reference " + value + " names no entry of this Bundle");
            } else if (value.indexOf('?') > 0) {
                reference.setReference(resolve(value, caller));
            }
        }
    }

    /** The literal reference a conditional one names. */
    String resolve(String conditional, ActingParty caller) throws SQLException {
        String type = conditional.substring(0, conditional.indexOf('?'));
        if (ProviderDirectory.serves(type)) {
            return directory
                    .resolve(conditional)
                    .orElseThrow(() -> FhirProblem.unprocessable(
                            "no " + type + " in the directory matches the conditional reference " + conditional));
        }
        if (!"Patient".equals(type)) {
            throw FhirProblem.unprocessable("a conditional reference may name a Patient (by identifier) or a"
                    + " resource of the provider directory, not " + conditional);
        }
        String query = conditional.substring(conditional.indexOf('?') + 1);
        int bar = query.indexOf('|');
        if (!query.startsWith("identifier=") || bar < 0 || query.indexOf('&') >= 0) {
            throw FhirProblem.unprocessable(
                    "a conditional Patient reference reads Patient?identifier=system|value, not " + conditional);
        }
        String system = query.substring("identifier=".length(), bar);
        String value = query.substring(bar + 1);
        List<UUID> inCare = new ArrayList<>();
        for (UUID person : views.personsWithIdentifier(system, value)) {
            if (!views.activeBases(person, caller.organization()).isEmpty()) {
                inCare.add(person);
            }
        }
        if (inCare.size() != 1) {
            throw FhirProblem.unprocessable((inCare.isEmpty() ? "no patient" : inCare.size() + " patients")
                    + " in the care of " + caller.organization() + " " + (inCare.isEmpty() ? "has" : "have")
                    + " the identifier " + system + "|" + value + " (" + conditional + ")");
        }
        return "Patient/" + inCare.get(0);
    }
}
