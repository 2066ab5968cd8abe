package io.chartstream.portal.record.infrastructure;

import io.chartstream.portal.record.domain.PatientRecord;
import io.chartstream.portal.record.domain.PatientRecord.Reaction;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceReactionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.List;

/** What the portal keeps of each kind of FHIR entry: the parts a person reads. */
final class FhirEntries {

    private FhirEntries() {}

    static PatientRecord.Observation observation(EntryEvent entry, Observation observation) {
        CodeableConcept code = observation.getCode();
        ObservationValues.Value value = ObservationValues.of(observation);
        return new PatientRecord.Observation(
                entry.entryId(),
                entry.version(),
                Concepts.code(code),
                Concepts.system(code),
                Concepts.display(code),
                value.text(),
                value.number(),
                value.unit(),
                ObservationValues.effective(observation),
                observation.hasStatus() ? observation.getStatus().toCode() : null,
                entry.organization());
    }

    static PatientRecord.Condition condition(EntryEvent entry, Condition condition) {
        CodeableConcept code = condition.getCode();
        return new PatientRecord.Condition(
                entry.entryId(),
                entry.version(),
                Concepts.code(code),
                Concepts.system(code),
                Concepts.display(code),
                Concepts.status(condition.getClinicalStatus()),
                Concepts.status(condition.getVerificationStatus()),
                FhirText.of(condition.getOnset()),
                condition.getRecordedDateElement().getValueAsString(),
                entry.organization());
    }

    static PatientRecord.Medication medication(EntryEvent entry, MedicationRequest request) {
        String code = null;
        String system = null;
        String display = null;
        if (request.hasMedicationCodeableConcept()) {
            CodeableConcept medication = request.getMedicationCodeableConcept();
            code = Concepts.code(medication);
            system = Concepts.system(medication);
            display = Concepts.display(medication);
        } else if (request.hasMedicationReference()) {
            Reference medication = request.getMedicationReference();
            display = medication.hasDisplay() ? medication.getDisplay() : medication.getReference();
        }
        return new PatientRecord.Medication(
                entry.entryId(),
                entry.version(),
                code,
                system,
                display,
                dosage(request.getDosageInstruction()),
                request.hasStatus() ? request.getStatus().toCode() : null,
                request.getAuthoredOnElement().getValueAsString(),
                entry.organization());
    }

    static PatientRecord.Allergy allergy(EntryEvent entry, AllergyIntolerance allergy) {
        CodeableConcept code = allergy.getCode();
        List<Reaction> reactions = new ArrayList<>();
        for (AllergyIntoleranceReactionComponent reaction : allergy.getReaction()) {
            List<String> manifestations = reaction.getManifestation().stream()
                    .map(Concepts::display)
                    .filter(m -> m != null)
                    .toList();
            reactions.add(new Reaction(
                    manifestations,
                    reaction.hasSeverity() ? reaction.getSeverity().toCode() : null));
        }
        return new PatientRecord.Allergy(
                entry.entryId(),
                entry.version(),
                Concepts.code(code),
                Concepts.system(code),
                Concepts.display(code),
                allergy.hasCriticality() ? allergy.getCriticality().toCode() : null,
                Concepts.status(allergy.getClinicalStatus()),
                List.copyOf(reactions),
                entry.organization());
    }

    /** The location the person is at now (active), else the last one named. */
    static PatientRecord.Visit visit(EntryEvent entry, Encounter encounter) {
        String location = null;
        for (Encounter.EncounterLocationComponent at : encounter.getLocation()) {
            if (location == null || at.getStatus() == Encounter.EncounterLocationStatus.ACTIVE || !at.hasStatus()) {
                location = at.getLocation().getDisplay();
            }
        }
        return new PatientRecord.Visit(
                entry.entryId(),
                entry.version(),
                encounter.getClass_().hasDisplay()
                        ? encounter.getClass_().getDisplay()
                        : encounter.getClass_().getCode(),
                encounter.hasStatus() ? encounter.getStatus().toCode() : null,
                encounter.getPeriod().getStartElement().getValueAsString(),
                encounter.getPeriod().getEndElement().getValueAsString(),
                location,
                encounter.hasReasonCode() ? Concepts.display(encounter.getReasonCodeFirstRep()) : null,
                entry.organization());
    }

    /** Each instruction's text ("1 tablet by mouth twice daily"), joined; the patient instruction if no text. */
    private static String dosage(List<Dosage> instructions) {
        List<String> texts = new ArrayList<>();
        for (Dosage dosage : instructions) {
            if (dosage.hasText()) {
                texts.add(dosage.getText());
            } else if (dosage.hasPatientInstruction()) {
                texts.add(dosage.getPatientInstruction());
            }
        }
        return texts.isEmpty() ? null : String.join("; ", texts);
    }
}
