package io.chartstream.testsupport;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import java.util.UUID;

/** Realistic FHIR R4 resources for tests (LOINC, UCUM, SNOMED CT, RxNorm), built and encoded with HAPI FHIR. */
public final class FhirSamples {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String UCUM = "http://unitsofmeasure.org";

    private FhirSamples() {}

    /** A Patient as an organization's system sends it: one identifier, one name, a birth date (may be null). */
    public static Patient patient(String system, String value, String given, String family, String birthDate) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(value);
        patient.addName().setFamily(family).addGiven(given);
        if (birthDate != null) {
            patient.getBirthDateElement().setValueAsString(birthDate);
        }
        return patient;
    }

    /** Fasting serum glucose, LOINC 2345-7, in mg/dL. */
    public static Observation glucose(UUID personId, double mgPerDl) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(
                concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory"));
        o.setCode(concept(LOINC, "2345-7", "Glucose [Mass/volume] in Serum or Plasma"));
        o.setSubject(patient(personId));
        o.setEffective(new DateTimeType("2025-03-14T08:30:00Z"));
        o.setValue(new Quantity()
                .setValue(mgPerDl)
                .setUnit("mg/dL")
                .setSystem(UCUM)
                .setCode("mg/dL"));
        return o;
    }

    /** Type 2 diabetes mellitus, SNOMED CT 44054006, on the problem list. */
    public static Condition type2Diabetes(UUID personId) {
        Condition c = new Condition();
        c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        c.setVerificationStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
        c.addCategory(concept(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item"));
        c.setCode(concept(SNOMED, "44054006", "Diabetes mellitus type 2"));
        c.setSubject(patient(personId));
        c.setOnset(new DateTimeType("2021-06-01"));
        return c;
    }

    /** Metformin 500 mg extended release, RxNorm 860975, once daily. */
    public static MedicationRequest metformin(UUID personId) {
        MedicationRequest m = new MedicationRequest();
        m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(concept(RXNORM, "860975", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet"));
        m.setSubject(patient(personId));
        m.setAuthoredOnElement(new DateTimeType("2025-03-14T09:00:00Z"));
        m.addDosageInstruction().setText("500 mg by mouth once daily with the evening meal");
        return m;
    }

    /** Confirmed, high-criticality penicillin allergy (SNOMED CT 764146007) with a skin eruption. */
    public static AllergyIntolerance penicillinAllergy(UUID personId) {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setClinicalStatus(
                concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"));
        a.setVerificationStatus(concept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed"));
        a.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
        a.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        a.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
        a.setCode(concept(SNOMED, "764146007", "Penicillin"));
        a.setPatient(patient(personId));
        a.addReaction().addManifestation(concept(SNOMED, "271807003", "Eruption of skin"));
        return a;
    }

    public static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return FHIR.newJsonParser().parseResource(type, json);
    }

    public static Reference patient(UUID personId) {
        return new Reference("Patient/" + personId);
    }

    public static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
