package io.chartstream.fhir.consent;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivacyConsentsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final UUID ALICE = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");

    @Test
    void choicesSurviveTheTripThroughFhirJson() {
        SharingChoices choices = new SharingChoices(
                false,
                Set.of("northside-pediatrics"),
                Set.of(SecurityLabels.MENTAL_HEALTH),
                Set.of("riverside-clinic"));

        String json = FHIR.newJsonParser().encodeResourceToString(PrivacyConsents.toFhir(ALICE, choices, new Date()));
        Consent parsed = FHIR.newJsonParser().parseResource(Consent.class, json);

        assertEquals(choices, PrivacyConsents.fromFhir(parsed, ALICE));
        assertTrue(json.contains("patient-privacy") && json.contains("Organization/northside-pediatrics"), json);
    }

    @Test
    void aDenyBaseProvisionIsAnOptOut() {
        Consent consent = PrivacyConsents.toFhir(ALICE, SharingChoices.DEFAULT, new Date());
        consent.getProvision().setType(ConsentProvisionType.DENY);

        assertTrue(PrivacyConsents.fromFhir(consent, ALICE).optOut());
    }

    @Test
    void aConsentForAnotherPersonIsRefused() {
        Consent consent = PrivacyConsents.toFhir(UUID.randomUUID(), SharingChoices.DEFAULT, new Date());

        assertTrue(assertThrows(FhirProblem.class, () -> PrivacyConsents.fromFhir(consent, ALICE))
                .getMessage()
                .contains("Patient/" + ALICE));
    }

    @Test
    void aCategoryThatIsNotASensitiveCategoryIsRefusedRatherThanIgnored() {
        Consent consent = PrivacyConsents.toFhir(ALICE, SharingChoices.DEFAULT, new Date());
        consent.getProvision()
                .addProvision()
                .setType(ConsentProvisionType.DENY)
                .addSecurityLabel(new Coding(SecurityLabels.ACT_CODE_SYSTEM, "XYZ", null));

        assertTrue(assertThrows(FhirProblem.class, () -> PrivacyConsents.fromFhir(consent, ALICE))
                .getMessage()
                .contains("XYZ"));
    }

    @Test
    void aProvisionItCannotEnforceIsRefused() {
        Consent consent = PrivacyConsents.toFhir(ALICE, SharingChoices.DEFAULT, new Date());
        consent.getProvision().addProvision().setType(ConsentProvisionType.PERMIT);

        assertTrue(assertThrows(FhirProblem.class, () -> PrivacyConsents.fromFhir(consent, ALICE))
                .getMessage()
                .contains("unsupported Consent provision"));
    }

    @Test
    void aConsentOutsideThePrivacyScopeIsRefused() {
        Consent consent = PrivacyConsents.toFhir(ALICE, SharingChoices.DEFAULT, new Date());
        consent.getScope().getCodingFirstRep().setCode("research");

        assertTrue(assertThrows(FhirProblem.class, () -> PrivacyConsents.fromFhir(consent, ALICE))
                .getMessage()
                .contains("scope"));
    }
}
