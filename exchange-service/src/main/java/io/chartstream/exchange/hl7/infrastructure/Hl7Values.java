package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.DT;
import ca.uhn.hl7v2.model.v251.datatype.HD;
import ca.uhn.hl7v2.model.v251.datatype.TS;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;

import java.util.Locale;
import java.util.Map;

/** HL7 v2 data types read as FHIR ones; a value that does not parse is a {@link ContentError} naming its field. */
public final class Hl7Values {

    /** HL7 table 0396 coding system names and the FHIR systems they stand for. */
    private static final Map<String, String> SYSTEMS = Map.ofEntries(
            Map.entry("LN", "http://loinc.org"),
            Map.entry("LOINC", "http://loinc.org"),
            Map.entry("SCT", "http://snomed.info/sct"),
            Map.entry("SNM", "http://snomed.info/sct"),
            Map.entry("I10", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("I10C", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("ICD10", "http://hl7.org/fhir/sid/icd-10-cm"),
            Map.entry("I9C", "http://hl7.org/fhir/sid/icd-9-cm"),
            Map.entry("CVX", "http://hl7.org/fhir/sid/cvx"),
            Map.entry("MVX", "http://hl7.org/fhir/sid/mvx"),
            Map.entry("RXNORM", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            Map.entry("RXN", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            Map.entry("NDC", "http://hl7.org/fhir/sid/ndc"),
            Map.entry("UCUM", "http://unitsofmeasure.org"),
            Map.entry("CPT", "http://www.ama-assn.org/go/cpt"));

    public static final String UCUM = "http://unitsofmeasure.org";

    private Hl7Values() {}

    public static String text(Primitive value) {
        String v = value == null ? null : value.getValue();
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The FHIR system of an HL7 coding system name (table 0396), an OID or a URI; null when unknown. */
    public static String system(String hl7System) {
        if (hl7System == null || hl7System.isBlank()) {
            return null;
        }
        String s = hl7System.strip();
        if (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("urn:")) {
            return s;
        }
        if (s.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            return "urn:oid:" + s;
        }
        return SYSTEMS.get(s.toUpperCase(Locale.ROOT));
    }

    /** A CE as a CodeableConcept (identifier, text, coding system; and the alternate triplet); null when empty. */
    public static CodeableConcept concept(CE ce) {
        CodeableConcept concept = new CodeableConcept();
        addCoding(concept, text(ce.getIdentifier()), text(ce.getText()), text(ce.getNameOfCodingSystem()));
        addCoding(
                concept,
                text(ce.getAlternateIdentifier()),
                text(ce.getAlternateText()),
                text(ce.getNameOfAlternateCodingSystem()));
        return finish(concept, text(ce.getText()));
    }

    public static CodeableConcept concept(CWE cwe) {
        CodeableConcept concept = new CodeableConcept();
        addCoding(concept, text(cwe.getIdentifier()), text(cwe.getText()), text(cwe.getNameOfCodingSystem()));
        return finish(concept, text(cwe.getText()));
    }

    private static CodeableConcept finish(CodeableConcept concept, String text) {
        if (text != null) {
            concept.setText(text);
        }
        return concept.hasCoding() || concept.hasText() ? concept : null;
    }

    private static void addCoding(CodeableConcept concept, String code, String display, String hl7System) {
        if (code == null) {
            return;
        }
        Coding coding = concept.addCoding().setCode(code).setDisplay(display);
        String system = system(hl7System);
        if (system != null) {
            coding.setSystem(system);
        }
    }

    /** A TS as a FHIR dateTime of the precision sent; null when empty. */
    public static DateTimeType dateTime(TS ts, SegmentRef segment, int field) {
        String value = text(ts.getTime());
        if (value == null) {
            return null;
        }
        try {
            java.util.Calendar calendar = ts.getTime().getValueAsCalendar();
            return new DateTimeType(calendar.getTime(), precision(value), calendar.getTimeZone());
        } catch (DataTypeException | IllegalArgumentException e) {
            throw new ContentError(
                    segment, field, ErrorCode.DATA_TYPE_ERROR, segment + "-" + field + " is not a date/time: " + value);
        }
    }

    /** A TS as the calendar day it names (a birth date), whatever its precision beyond the day; null when empty. */
    public static DateType day(TS ts, SegmentRef segment, int field) {
        DateTimeType value = dateTime(ts, segment, field);
        if (value == null) {
            return null;
        }
        return value.getPrecision().ordinal() <= TemporalPrecisionEnum.MONTH.ordinal()
                ? new DateType(value.getValueAsString())
                : new DateType(value.getYear(), value.getMonth(), value.getDay());
    }

    public static DateTimeType date(DT dt, SegmentRef segment, int field) {
        String value = text(dt);
        if (value == null) {
            return null;
        }
        try {
            int year = dt.getYear();
            int month = dt.getMonth();
            int day = dt.getDay();
            return new DateTimeType(
                    value.length() <= 4
                            ? "%04d".formatted(year)
                            : value.length() <= 6
                                    ? "%04d-%02d".formatted(year, month)
                                    : "%04d-%02d-%02d".formatted(year, month, day));
        } catch (DataTypeException | IllegalArgumentException e) {
            throw new ContentError(
                    segment, field, ErrorCode.DATA_TYPE_ERROR, segment + "-" + field + " is not a date: " + value);
        }
    }

    private static TemporalPrecisionEnum precision(String value) {
        String digits = value.replaceAll("[^0-9].*$", "");
        return switch (Math.min(digits.length(), 14)) {
            case 4 -> TemporalPrecisionEnum.YEAR;
            case 6 -> TemporalPrecisionEnum.MONTH;
            case 8 -> TemporalPrecisionEnum.DAY;
            // FHIR's dateTime has no minute precision: a time is to the second
            default -> TemporalPrecisionEnum.SECOND;
        };
    }

    /** The identifier system an assigning authority (HD) names: its universal id (an OID when ISO), else null. */
    public static String system(HD authority) {
        String universal = text(authority.getUniversalID());
        if (universal == null) {
            return null;
        }
        String type = text(authority.getUniversalIDType());
        return "ISO".equalsIgnoreCase(type) && !universal.startsWith("urn:")
                ? "urn:oid:" + universal
                : system(universal);
    }

    /** A person named in an XCN (attending doctor, administering provider) as a display-only reference. */
    public static Reference person(XCN xcn) {
        String family = text(xcn.getFamilyName().getSurname());
        String given = text(xcn.getGivenName());
        String id = text(xcn.getIDNumber());
        if (family == null && given == null && id == null) {
            return null;
        }
        Reference reference = new Reference();
        String name = ((given == null ? "" : given + " ") + (family == null ? "" : family)).strip();
        if (!name.isEmpty()) {
            reference.setDisplay(name);
        }
        if (id != null) {
            String system = system(xcn.getAssigningAuthority());
            reference.getIdentifier().setValue(id).setSystem(system);
        }
        return reference;
    }
}
