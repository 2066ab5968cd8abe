package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonPatientTest {

    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");

    private static Patient sent(String system, String mrn, String family) {
        Patient p = new Patient();
        p.setId("local-id-of-the-sender");
        p.addIdentifier().setSystem(system).setValue(mrn);
        p.addName(new HumanName().setFamily(family));
        return p;
    }

    @Test
    void registeredPatientBecomesThePersonsPatientAtVersionOne() {
        var result = PersonPatient.merge(
                PERSON, Optional.empty(), 0, sent("urn:riverside:mrn", "R1", "Rivera"), "urn:riverside:mrn", "R1");
        assertTrue(result.changed());
        assertEquals(1, result.version());
        assertEquals(PERSON.toString(), result.patient().getIdElement().getIdPart());
        assertEquals(1, result.patient().getIdentifier().size());
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(result.patient());
        assertTrue(json.contains("\"versionId\":\"1\""), json);
    }

    @Test
    void linkedOrganizationAddsItsIdentifierButNotItsDemographics() {
        var registered = PersonPatient.merge(
                PERSON, Optional.empty(), 0, sent("urn:riverside:mrn", "R1", "Rivera"), "urn:riverside:mrn", "R1");
        var linked = PersonPatient.merge(
                PERSON,
                Optional.of(registered.patient()),
                1,
                sent("urn:stmarys:mrn", "S9", "Rivera-Lopez"),
                "urn:stmarys:mrn",
                "S9");
        assertTrue(linked.changed());
        assertEquals(2, linked.version());
        assertEquals(2, linked.patient().getIdentifier().size());
        assertEquals("Rivera", linked.patient().getNameFirstRep().getFamily());
        assertEquals(1, registered.patient().getIdentifier().size(), "the earlier version is not modified");
    }

    @Test
    void linkingAnIdentifierThePatientHasChangesNothing() {
        var registered = PersonPatient.merge(
                PERSON, Optional.empty(), 0, sent("urn:riverside:mrn", "R1", "Rivera"), "urn:riverside:mrn", "R1");
        var again = PersonPatient.merge(
                PERSON,
                Optional.of(registered.patient()),
                1,
                sent("urn:riverside:mrn", "R1", "Rivera"),
                "urn:riverside:mrn",
                "R1");
        assertFalse(again.changed());
        assertEquals(1, again.version());
    }

    @Test
    void aRevisionKeepsTheLinksOfTheMerges() {
        Patient merged = PersonPatient.merge(
                        PERSON,
                        Optional.empty(),
                        0,
                        sent("urn:riverside:mrn", "R1", "Rivera"),
                        "urn:riverside:mrn",
                        "R1")
                .patient();
        merged.addLink().setType(Patient.LinkType.REPLACEDBY).setOther(new Reference("Patient/" + UUID.randomUUID()));

        var revised = PersonPatient.revise(PERSON, merged, 2, sent("urn:riverside:mrn", "R1", "Rivera-Diaz"));

        assertTrue(revised.changed());
        assertEquals("Rivera-Diaz", revised.patient().getNameFirstRep().getFamily());
        assertEquals(1, revised.patient().getLink().size(), "the merge is the exchange's, not the registrant's");
        assertEquals(
                merged.getLinkFirstRep().getOther().getReference(),
                revised.patient().getLinkFirstRep().getOther().getReference());
    }
}
