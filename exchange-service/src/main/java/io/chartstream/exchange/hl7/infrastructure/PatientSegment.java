package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XAD;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.datatype.XTN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

import java.util.Collection;

import static io.chartstream.exchange.hl7.infrastructure.Hl7Values.text;

/**
 * PID as the Patient a message registers. Its identifiers are every PID-3 whose assigning
 * authority names a system; the one of the sending organization's own systems is the identifier
 * the registration is conditional on (decision 9: only those link a registration to a person).
 */
public final class PatientSegment {

    public record Registration(Patient patient, Identifier matchedOn) {
        /** The conditional create's query: the organization's identifier. */
        public String ifNoneExist() {
            return "identifier=" + matchedOn.getSystem() + "|" + matchedOn.getValue();
        }
    }

    private static final SegmentRef PID_SEGMENT = SegmentRef.first("PID");

    private PatientSegment() {}

    public static Registration read(PID pid, Collection<String> organizationSystems) {
        Patient patient = new Patient();
        Identifier own = null;
        for (CX cx : pid.getPatientIdentifierList()) {
            String value = text(cx.getIDNumber());
            String system = Hl7Values.system(cx.getAssigningAuthority());
            if (value == null || system == null) {
                continue;
            }
            Identifier identifier = patient.addIdentifier().setSystem(system).setValue(value);
            String type = text(cx.getIdentifierTypeCode());
            if (type != null) {
                identifier
                        .getType()
                        .addCoding()
                        .setSystem("http://terminology.hl7.org/CodeSystem/v2-0203")
                        .setCode(type);
            }
            if (own == null && organizationSystems.contains(system)) {
                own = identifier;
            }
        }
        if (own == null) {
            throw new ContentError(
                    PID_SEGMENT,
                    3,
                    ca.uhn.hl7v2.ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "PID-3 has no identifier of the sending organization's assigning authorities " + organizationSystems
                            + " (CX-4 universal id, e.g. MRN^^^ORG&<oid>&ISO^MR)");
        }
        for (XPN xpn : pid.getPatientName()) {
            HumanName name = new HumanName();
            String family = text(xpn.getFamilyName().getSurname());
            if (family != null) {
                name.setFamily(family);
            }
            addGiven(name, text(xpn.getGivenName()));
            addGiven(name, text(xpn.getSecondAndFurtherGivenNamesOrInitialsThereof()));
            if (name.hasFamily() || name.hasGiven()) {
                patient.addName(name.setUse(HumanName.NameUse.OFFICIAL));
            }
        }
        if (!patient.hasName()) {
            throw ContentError.missing(PID_SEGMENT, 5, "patient name");
        }
        patient.setBirthDateElement(Hl7Values.day(pid.getDateTimeOfBirth(), PID_SEGMENT, 7));
        patient.setGender(gender(text(pid.getAdministrativeSex())));
        for (XAD xad : pid.getPatientAddress()) {
            var address = patient.addAddress();
            String line = text(xad.getStreetAddress().getStreetOrMailingAddress());
            if (line != null) {
                address.addLine(line);
            }
            address.setCity(text(xad.getCity()))
                    .setState(text(xad.getStateOrProvince()))
                    .setPostalCode(text(xad.getZipOrPostalCode()))
                    .setCountry(text(xad.getCountry()));
            if (address.isEmpty()) {
                patient.getAddress().remove(address);
            }
        }
        for (XTN xtn : pid.getPhoneNumberHome()) {
            String number = text(xtn.getTelephoneNumber());
            if (number == null) {
                number = text(xtn.getUnformattedTelephoneNumber());
            }
            if (number != null) {
                patient.addTelecom()
                        .setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setValue(number)
                        .setUse(ContactPoint.ContactPointUse.HOME);
            }
        }
        return new Registration(patient, own);
    }

    private static void addGiven(HumanName name, String given) {
        if (given != null) {
            name.addGiven(given);
        }
    }

    /** HL7 table 0001 as FHIR's administrative gender. */
    static AdministrativeGender gender(String sex) {
        if (sex == null) {
            return AdministrativeGender.UNKNOWN;
        }
        return switch (sex.toUpperCase(java.util.Locale.ROOT)) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O", "A", "N" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        };
    }
}
