package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.segment.RXA;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;

import java.math.BigDecimal;

import static io.chartstream.exchange.hl7.infrastructure.Hl7Values.text;

/** RXA as an Immunization: the vaccine (CVX), when, the dose, the lot, and whether it was given. */
public final class ImmunizationSegment {

    private ImmunizationSegment() {}

    public static Immunization read(RXA rxa, SegmentRef at, Reference patient) {
        CodeableConcept vaccine = Hl7Values.concept(rxa.getAdministeredCode());
        if (vaccine == null) {
            throw ContentError.missing(at, 5, "administered code (CVX)");
        }
        var when = Hl7Values.dateTime(rxa.getDateTimeStartOfAdministration(), at, 3);
        if (when == null) {
            throw ContentError.missing(at, 3, "date/time start of administration");
        }
        Immunization immunization = new Immunization().setPatient(patient).setVaccineCode(vaccine);
        immunization.setOccurrence(when);
        String status = text(rxa.getCompletionStatus());
        immunization.setStatus(
                "RE".equalsIgnoreCase(status) || "NA".equalsIgnoreCase(status)
                        ? Immunization.ImmunizationStatus.NOTDONE
                        : Immunization.ImmunizationStatus.COMPLETED);
        String amount = text(rxa.getAdministeredAmount());
        if (amount != null && !"999".equals(amount)) {
            try {
                var dose = immunization.getDoseQuantity().setValue(new BigDecimal(amount));
                String units = text(rxa.getAdministeredUnits().getIdentifier());
                if (units != null) {
                    dose.setUnit(units).setSystem(Hl7Values.UCUM).setCode(units);
                }
            } catch (NumberFormatException e) {
                throw new ContentError(
                        at, 6, ca.uhn.hl7v2.ErrorCode.DATA_TYPE_ERROR, at + "-6 is not a number: " + amount);
            }
        }
        for (ST lot : rxa.getSubstanceLotNumber()) {
            if (text(lot) != null) {
                immunization.setLotNumber(text(lot));
                break;
            }
        }
        immunization.setPrimarySource(true);
        return immunization;
    }
}
