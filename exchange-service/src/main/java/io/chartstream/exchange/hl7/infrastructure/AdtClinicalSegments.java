package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.segment.AL1;
import ca.uhn.hl7v2.model.v251.segment.DG1;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;

import java.util.Locale;

import static io.chartstream.exchange.hl7.infrastructure.Hl7Values.text;

/** AL1 as AllergyIntolerance and DG1 as Condition (an encounter diagnosis). */
public final class AdtClinicalSegments {

    private AdtClinicalSegments() {}

    public static AllergyIntolerance allergy(AL1 al1, SegmentRef at, Reference patient) {
        CodeableConcept allergen = Hl7Values.concept(al1.getAllergenCodeMnemonicDescription());
        if (allergen == null) {
            throw ContentError.missing(at, 3, "allergen code/mnemonic/description");
        }
        AllergyIntolerance allergy =
                new AllergyIntolerance().setPatient(patient).setCode(allergen);
        allergy.setClinicalStatus(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active")));
        allergy.setVerificationStatus(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                        "confirmed",
                        "Confirmed")));
        AllergyIntoleranceCategory category =
                category(text(al1.getAllergenTypeCode().getIdentifier()));
        if (category != null) {
            allergy.addCategory(category);
        }
        String severity = text(al1.getAllergySeverityCode().getIdentifier());
        if (severity != null) {
            allergy.setCriticality(
                    "SV".equalsIgnoreCase(severity)
                            ? AllergyIntoleranceCriticality.HIGH
                            : AllergyIntoleranceCriticality.LOW);
        }
        for (ST reaction : al1.getAllergyReactionCode()) {
            String text = text(reaction);
            if (text != null) {
                allergy.addReaction().addManifestation(new CodeableConcept().setText(text));
            }
        }
        var identified = Hl7Values.date(al1.getIdentificationDate(), at, 6);
        if (identified != null) {
            allergy.setOnset(identified);
        }
        return allergy;
    }

    /** HL7 table 0127 (allergen type) as FHIR's category; null for one FHIR has none for. */
    static AllergyIntoleranceCategory category(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "DA" -> AllergyIntoleranceCategory.MEDICATION;
            case "FA" -> AllergyIntoleranceCategory.FOOD;
            case "EA", "AA", "PA" -> AllergyIntoleranceCategory.ENVIRONMENT;
            default -> null;
        };
    }

    public static Condition diagnosis(DG1 dg1, SegmentRef at, Reference patient, Reference encounter) {
        CodeableConcept code = Hl7Values.concept(dg1.getDiagnosisCodeDG1());
        if (code == null) {
            throw ContentError.missing(at, 3, "diagnosis code");
        }
        Condition condition = new Condition().setSubject(patient).setCode(code).setEncounter(encounter);
        condition.setClinicalStatus(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        String type = text(dg1.getDiagnosisType());
        condition.setVerificationStatus(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                        "F".equalsIgnoreCase(type) ? "confirmed" : "provisional",
                        null)));
        condition
                .addCategory()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-category",
                        "encounter-diagnosis",
                        "Encounter Diagnosis"));
        var when = Hl7Values.dateTime(dg1.getDiagnosisDateTime(), at, 5);
        if (when != null) {
            condition.setRecordedDateElement(when);
        }
        return condition;
    }
}
