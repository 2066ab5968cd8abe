package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatientCompartmentTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void anObservationBelongsToItsSubject() {
        Observation o = new Observation().setSubject(new Reference("Patient/p1"));
        o.addPerformer(new Reference("Practitioner/dr"));

        assertEquals(List.of("Patient/p1"), values(PatientCompartment.owners(FHIR, o)));
    }

    @Test
    void anEncounterBelongsToItsSubject() {
        Encounter e = new Encounter().setSubject(new Reference("Patient/p1"));
        e.setServiceProvider(new Reference("Organization/o1"));

        assertEquals(List.of("Patient/p1"), values(PatientCompartment.owners(FHIR, e)));
    }

    @Test
    void aProvenanceBelongsToThePatientAmongItsTargetsOnly() {
        Provenance p = new Provenance()
                .addTarget(new Reference("Patient/p1"))
                .addTarget(new Reference("Observation/o1"))
                .addTarget(new Reference("Encounter/e1"));

        assertEquals(List.of("Patient/p1"), values(PatientCompartment.owners(FHIR, p)));
    }

    @Test
    void aMedicationBelongsToNoPatient() {
        assertFalse(PatientCompartment.applies(FHIR, "Medication"));
        assertTrue(PatientCompartment.owners(FHIR, new Medication()).isEmpty());
        assertTrue(PatientCompartment.applies(FHIR, "Provenance"));
    }

    private static List<String> values(List<IIdType> ids) {
        return ids.stream().map(id -> id.toUnqualifiedVersionless().getValue()).toList();
    }
}
