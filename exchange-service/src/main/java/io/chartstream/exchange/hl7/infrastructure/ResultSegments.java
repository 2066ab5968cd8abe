package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.IS;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.chartstream.exchange.hl7.infrastructure.Hl7Values.text;

/** OBR as a DiagnosticReport and each OBX as one of its Observations (LOINC, UCUM, reference range, flags). */
public final class ResultSegments {

    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final Pattern RANGE = Pattern.compile("\\s*(-?[0-9.]+)?\\s*-\\s*([0-9.]+)?\\s*");

    private ResultSegments() {}

    public static DiagnosticReport report(OBR obr, SegmentRef at, Reference patient) {
        CodeableConcept code = Hl7Values.concept(obr.getUniversalServiceIdentifier());
        if (code == null) {
            throw ContentError.missing(at, 4, "universal service identifier");
        }
        DiagnosticReport report = new DiagnosticReport().setSubject(patient).setCode(code);
        report.setStatus(reportStatus(text(obr.getResultStatus())));
        report.addCategory()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory"));
        String filler = text(obr.getFillerOrderNumber().getEntityIdentifier());
        if (filler != null) {
            String system = Hl7Values.system(text(obr.getFillerOrderNumber().getUniversalID()));
            report.addIdentifier().setSystem(system).setValue(filler);
        }
        var effective = Hl7Values.dateTime(obr.getObservationDateTime(), at, 7);
        if (effective != null) {
            report.setEffective(effective);
        }
        return report;
    }

    public static Observation observation(OBX obx, SegmentRef at, Reference patient, DiagnosticReport report) {
        CodeableConcept code = Hl7Values.concept(obx.getObservationIdentifier());
        if (code == null) {
            throw ContentError.missing(at, 3, "observation identifier");
        }
        Observation observation = new Observation().setSubject(patient).setCode(code);
        observation.setStatus(observationStatus(text(obx.getObservationResultStatus())));
        observation
                .addCategory()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory"));
        String units = text(obx.getUnits().getIdentifier());
        if (obx.getObservationValue().length > 0) {
            observation.setValue(value(text(obx.getValueType()), obx.getObservationValue(0), units, at));
        }
        String range = text(obx.getReferencesRange());
        if (range != null) {
            observation.addReferenceRange(referenceRange(range, units));
        }
        for (IS flag : obx.getAbnormalFlags()) {
            String f = text(flag);
            if (f != null) {
                observation.addInterpretation().addCoding(new Coding(INTERPRETATION, f.toUpperCase(Locale.ROOT), null));
            }
        }
        var effective = Hl7Values.dateTime(obx.getDateTimeOfTheObservation(), at, 14);
        observation.setEffective(effective != null ? effective : report.getEffective());
        return observation;
    }

    private static org.hl7.fhir.r4.model.Type value(String valueType, Varies varies, String units, SegmentRef at) {
        Type data = varies.getData();
        if (data instanceof CE ce) {
            return Hl7Values.concept(ce);
        }
        if (data instanceof CWE cwe) {
            return Hl7Values.concept(cwe);
        }
        String raw;
        try {
            raw = data.encode();
        } catch (ca.uhn.hl7v2.HL7Exception e) {
            throw new ContentError(at, 5, ErrorCode.DATA_TYPE_ERROR, at + "-5 cannot be read: " + e.getMessage());
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if ("NM".equalsIgnoreCase(valueType)) {
            try {
                Quantity quantity = new Quantity().setValue(new BigDecimal(raw.strip()));
                if (units != null) {
                    quantity.setUnit(units).setSystem(Hl7Values.UCUM).setCode(units);
                }
                return quantity;
            } catch (NumberFormatException e) {
                throw new ContentError(
                        at, 5, ErrorCode.DATA_TYPE_ERROR, at + "-5 is typed NM but is not a number: " + raw);
            }
        }
        return new StringType(raw);
    }

    /** "3.5-5.0" (or "-5.0", "3.5-") as low/high in the result's units; anything else as text. */
    static Observation.ObservationReferenceRangeComponent referenceRange(String range, String units) {
        var component = new Observation.ObservationReferenceRangeComponent();
        Matcher m = RANGE.matcher(range);
        if (m.matches() && (m.group(1) != null || m.group(2) != null)) {
            if (m.group(1) != null) {
                component.setLow(quantity(m.group(1), units));
            }
            if (m.group(2) != null) {
                component.setHigh(quantity(m.group(2), units));
            }
        } else {
            component.setText(range);
        }
        return component;
    }

    private static org.hl7.fhir.r4.model.SimpleQuantity quantity(String value, String units) {
        var quantity = new org.hl7.fhir.r4.model.SimpleQuantity();
        quantity.setValue(new BigDecimal(value));
        if (units != null) {
            quantity.setUnit(units).setSystem(Hl7Values.UCUM).setCode(units);
        }
        return quantity;
    }

    /** HL7 table 0123 (result status) as FHIR's. */
    static DiagnosticReport.DiagnosticReportStatus reportStatus(String status) {
        return switch (status == null ? "F" : status.toUpperCase(Locale.ROOT)) {
            case "P", "I", "O", "S" -> DiagnosticReport.DiagnosticReportStatus.PRELIMINARY;
            case "C" -> DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            case "X" -> DiagnosticReport.DiagnosticReportStatus.CANCELLED;
            case "A", "R" -> DiagnosticReport.DiagnosticReportStatus.PARTIAL;
            default -> DiagnosticReport.DiagnosticReportStatus.FINAL;
        };
    }

    /** HL7 table 0085 (observation result status) as FHIR's. */
    static Observation.ObservationStatus observationStatus(String status) {
        return switch (status == null ? "F" : status.toUpperCase(Locale.ROOT)) {
            case "P", "R", "S", "I" -> Observation.ObservationStatus.PRELIMINARY;
            case "C" -> Observation.ObservationStatus.CORRECTED;
            case "X", "D", "W" -> Observation.ObservationStatus.CANCELLED;
            default -> Observation.ObservationStatus.FINAL;
        };
    }
}
