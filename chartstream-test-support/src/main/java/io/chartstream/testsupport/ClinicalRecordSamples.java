package io.chartstream.testsupport;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.chartstream.testsupport.FhirSamples.LOINC;
import static io.chartstream.testsupport.FhirSamples.RXNORM;
import static io.chartstream.testsupport.FhirSamples.SNOMED;
import static io.chartstream.testsupport.FhirSamples.concept;
import static io.chartstream.testsupport.FhirSamples.patient;

/** One small, valid (base R4) resource of every type of the clinical record, about one person. */
public final class ClinicalRecordSamples {

    private static final String CVX = "http://hl7.org/fhir/sid/cvx";
    private static final String WHEN = "2025-03-14T08:45:00Z";

    private ClinicalRecordSamples() {}

    /** A resource of {@code resourceType} about {@code personId} (a Medication names no person). */
    public static Resource of(String resourceType, UUID personId) {
        Reference person = patient(personId);
        return switch (resourceType) {
            case "Observation" -> FhirSamples.glucose(personId, 95);
            case "Condition" -> FhirSamples.type2Diabetes(personId);
            case "MedicationRequest" -> FhirSamples.metformin(personId);
            case "AllergyIntolerance" -> FhirSamples.penicillinAllergy(personId);
            case "Encounter" ->
                new Encounter()
                        .setStatus(Encounter.EncounterStatus.FINISHED)
                        .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                        .addType(concept(SNOMED, "185349003", "Encounter for check up"))
                        .setSubject(person);
            case "DiagnosticReport" ->
                new DiagnosticReport()
                        .setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                        .setCode(concept(LOINC, "51990-0", "Basic metabolic panel"))
                        .setSubject(person);
            case "Procedure" ->
                new Procedure()
                        .setStatus(Procedure.ProcedureStatus.COMPLETED)
                        .setCode(concept(SNOMED, "430193006", "Medication reconciliation"))
                        .setSubject(person);
            case "Immunization" ->
                new Immunization()
                        .setStatus(Immunization.ImmunizationStatus.COMPLETED)
                        .setVaccineCode(concept(CVX, "140", "Influenza, seasonal, injectable, preservative free"))
                        .setPatient(person)
                        .setOccurrence(new DateTimeType(WHEN));
            case "MedicationAdministration" ->
                new MedicationAdministration()
                        .setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
                        .setMedication(concept(RXNORM, "860975", "metformin 500 MG"))
                        .setSubject(person)
                        .setEffective(new DateTimeType(WHEN));
            case "MedicationStatement" ->
                new MedicationStatement()
                        .setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE)
                        .setMedication(concept(RXNORM, "860975", "metformin 500 MG"))
                        .setSubject(person);
            case "Medication" -> new Medication().setCode(concept(RXNORM, "860975", "metformin 500 MG"));
            case "CarePlan" ->
                new CarePlan()
                        .setStatus(CarePlan.CarePlanStatus.ACTIVE)
                        .setIntent(CarePlan.CarePlanIntent.PLAN)
                        .setSubject(person);
            case "CareTeam" ->
                new CareTeam().setStatus(CareTeam.CareTeamStatus.ACTIVE).setSubject(person);
            case "Goal" ->
                new Goal()
                        .setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE)
                        .setDescription(concept(SNOMED, "281004", "HbA1c below 7 %"))
                        .setSubject(person);
            case "Device" ->
                new Device()
                        .setStatus(Device.FHIRDeviceStatus.ACTIVE)
                        .setType(concept(SNOMED, "337414009", "Blood glucose meter"))
                        .setPatient(person);
            case "ImagingStudy" ->
                new ImagingStudy()
                        .setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE)
                        .setSubject(person);
            case "DocumentReference" -> {
                DocumentReference note = new DocumentReference()
                        .setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
                        .setType(concept(LOINC, "34117-2", "History and physical note"))
                        .setSubject(person);
                note.addContent()
                        .setAttachment(new Attachment()
                                .setContentType("text/plain; charset=utf-8")
                                .setData("Seen for a check up; doing well.".getBytes(StandardCharsets.UTF_8)));
                yield note;
            }
            case "Provenance" -> {
                Provenance provenance = new Provenance().addTarget(person).setRecordedElement(new InstantType(WHEN));
                provenance.addAgent().setWho(new Reference("Practitioner/dr-amara-chen"));
                yield provenance;
            }
            default -> throw new IllegalArgumentException("no sample of " + resourceType);
        };
    }
}
