package io.chartstream.fhir.consent;

import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Reference;

import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A person's {@link SharingChoices} as a FHIR R4 Consent (scope patient-privacy, IHE PCF basic
 * and advanced style) and back. The base provision is {@code permit} (share) or {@code deny}
 * (opt out); nested provisions: {@code deny} + actor {@code Organization/<id>} blocks that
 * organization, {@code deny} + security label withholds a category, {@code permit} + actor +
 * security label {@code 42CFRPart2} shares Part 2 records with that organization.
 */
public final class PrivacyConsents {

    public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String PATIENT_PRIVACY = "patient-privacy";
    public static final String LOINC = "http://loinc.org";
    /** LOINC 59284-0, Patient Consent. */
    public static final String PATIENT_CONSENT = "59284-0";

    public static final String PARTICIPATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** The information recipient: the organization a provision is about. */
    public static final String RECIPIENT = "IRCP";

    private static final String ORGANIZATION = "Organization/";

    private PrivacyConsents() {}

    public static Consent toFhir(UUID personId, SharingChoices choices, Date recordedAt) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(SCOPE_SYSTEM, PATIENT_PRIVACY, "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding(LOINC, PATIENT_CONSENT, "Patient Consent")));
        consent.setPatient(new Reference("Patient/" + personId));
        consent.setDateTime(recordedAt);
        ProvisionComponent base = consent.getProvision();
        base.setType(choices.optOut() ? ConsentProvisionType.DENY : ConsentProvisionType.PERMIT);
        for (String org : choices.blockedOrganizations()) {
            base.addProvision().setType(ConsentProvisionType.DENY).addActor(recipient(org));
        }
        for (String category : choices.withheldCategories()) {
            base.addProvision().setType(ConsentProvisionType.DENY).addSecurityLabel(label(category));
        }
        for (String org : choices.part2SharedWith()) {
            base.addProvision()
                    .setType(ConsentProvisionType.PERMIT)
                    .addActor(recipient(org))
                    .addSecurityLabel(label(SecurityLabels.PART_2));
        }
        return consent;
    }

    /**
     * The choices a Consent expresses.
     *
     * @throws FhirProblem 422 when it is not an active patient-privacy Consent, names a person other
     *     than {@code personId}, or holds a provision this exchange cannot enforce (it would be
     *     wrong to record a choice and not honour it)
     */
    public static SharingChoices fromFhir(Consent consent, UUID personId) {
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            throw FhirProblem.unprocessable("Consent.status must be active");
        }
        if (!consent.getScope().hasCoding(SCOPE_SYSTEM, PATIENT_PRIVACY)) {
            throw FhirProblem.unprocessable("Consent.scope must be " + SCOPE_SYSTEM + "|" + PATIENT_PRIVACY);
        }
        if (!("Patient/" + personId).equals(consent.getPatient().getReference())) {
            throw FhirProblem.unprocessable("Consent.patient must be Patient/" + personId);
        }
        ProvisionComponent base = consent.getProvision();
        boolean optOut = base.getType() == ConsentProvisionType.DENY;
        Set<String> blocked = new HashSet<>();
        Set<String> withheld = new HashSet<>();
        Set<String> part2 = new HashSet<>();
        for (ProvisionComponent p : base.getProvision()) {
            boolean deny = p.getType() == ConsentProvisionType.DENY;
            Set<String> orgs = organizations(p);
            Set<String> labels = labels(p);
            if (deny && !orgs.isEmpty() && labels.isEmpty()) {
                blocked.addAll(orgs);
            } else if (deny && orgs.isEmpty() && !labels.isEmpty()) {
                for (String label : labels) {
                    if (!SecurityLabels.CATEGORIES.contains(label)) {
                        throw FhirProblem.unprocessable("a category to withhold must be one of "
                                + SecurityLabels.CATEGORIES + ", not " + label);
                    }
                }
                withheld.addAll(labels);
            } else if (!deny && !orgs.isEmpty() && labels.equals(Set.of(SecurityLabels.PART_2))) {
                part2.addAll(orgs);
            } else {
                throw FhirProblem.unprocessable("unsupported Consent provision: use deny + actor Organization/<id>"
                        + " (block), deny + securityLabel (withhold a category), or permit + actor + securityLabel "
                        + SecurityLabels.PART_2 + " (share Part 2 records)");
            }
        }
        return new SharingChoices(optOut, blocked, withheld, part2);
    }

    private static provisionActorComponent recipient(String organization) {
        return new provisionActorComponent()
                .setRole(new CodeableConcept(new Coding(PARTICIPATION_SYSTEM, RECIPIENT, "information recipient")))
                .setReference(new Reference(ORGANIZATION + organization));
    }

    private static Coding label(String code) {
        return new Coding(SecurityLabels.ACT_CODE_SYSTEM, code, null);
    }

    private static Set<String> organizations(ProvisionComponent p) {
        Set<String> orgs = new HashSet<>();
        for (provisionActorComponent actor : p.getActor()) {
            String ref = actor.getReference().getReference();
            if (ref == null || !ref.startsWith(ORGANIZATION) || ref.length() == ORGANIZATION.length()) {
                throw FhirProblem.unprocessable("a Consent actor must be Organization/<id>, not " + ref);
            }
            orgs.add(ref.substring(ORGANIZATION.length()));
        }
        return orgs;
    }

    private static Set<String> labels(ProvisionComponent p) {
        Set<String> labels = new HashSet<>();
        for (Coding c : p.getSecurityLabel()) {
            if (!SecurityLabels.ACT_CODE_SYSTEM.equals(c.getSystem()) || c.getCode() == null) {
                throw FhirProblem.unprocessable(
                        "a Consent security label must be a code of " + SecurityLabels.ACT_CODE_SYSTEM);
            }
            labels.add(c.getCode());
        }
        return labels;
    }
}
