package io.chartstream.portal.record;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.math.BigDecimal;

/** FHIR R4 resources for the tests, built with HAPI's model (never hand-written JSON). */
public final class Fhir {

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String GLUCOSE = "2339-0";

    private Fhir() {}

    public static Patient patient(String given, String family, String birthDate, AdministrativeGender gender) {
        Patient patient = new Patient();
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        patient.setGender(gender);
        return patient;
    }

    public static Observation glucose(String mgPerDl) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(concept(LOINC, GLUCOSE, "Glucose [Mass/volume] in Blood"));
        observation.setValue(new Quantity()
                .setValue(new BigDecimal(mgPerDl))
                .setUnit("mg/dL")
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));
        observation.setEffective(new DateTimeType("2026-03-01T08:30:00Z"));
        return observation;
    }

    public static Observation stringResult(String code, String display, String value) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(concept(LOINC, code, display));
        observation.setValue(new StringType(value));
        observation.setEffective(new DateTimeType("2026-02-01"));
        return observation;
    }

    public static Observation codedResult(String code, String display, String valueCode, String valueDisplay) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(concept(LOINC, code, display));
        observation.setValue(concept(SNOMED, valueCode, valueDisplay));
        observation.setEffective(new DateTimeType("2026-01-15T10:00:00Z"));
        return observation;
    }

    public static Condition condition(String code, String display) {
        Condition condition = new Condition();
        condition.setCode(concept(SNOMED, code, display));
        condition.setClinicalStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        condition.setVerificationStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
        condition.setOnset(new DateTimeType("2019-06-01"));
        condition.setRecordedDateElement(new DateTimeType("2019-06-03"));
        return condition;
    }

    public static MedicationRequest medication(String code, String display, String dosage) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(concept(RXNORM, code, display));
        request.addDosageInstruction().setText(dosage);
        request.setAuthoredOnElement(new DateTimeType("2026-02-10"));
        return request;
    }

    /** An inpatient stay admitted at {@code start}, in progress, at {@code location}. */
    public static Encounter inpatientStay(String start, String location) {
        Encounter stay = new Encounter()
                .setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.getPeriod().setStartElement(new DateTimeType(start));
        stay.addLocation().setLocation(new Reference().setDisplay(location));
        return stay;
    }

    public static AllergyIntolerance allergy(String code, String substance, String manifestation, String severity) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setCode(concept(RXNORM, code, substance));
        allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
        allergy.setClinicalStatus(
                concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"));
        allergy.addReaction()
                .addManifestation(concept(SNOMED, "247472004", manifestation))
                .setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.fromCode(severity));
        return allergy;
    }

    public static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }
}
