package io.chartstream.patient.bench;

import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

import java.util.List;

/** The FHIR Patient an organization's system sends for a person, built with HAPI FHIR, and its registration. */
final class ScalePatients {

    private final PatientFhirMapper mapper;

    ScalePatients(PatientFhirMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code organization}'s registration of {@code d} under its MRN {@code mrn}, as the REST edge makes it. */
    Registration registration(String organization, String mrn, Demographics d, String city) {
        Identifier own = new Identifier(MillionPersons.mrnSystem(organization), mrn);
        return new Registration(organization, List.of(own), mapper.document(patient(own, d, city)));
    }

    static Patient patient(Identifier own, Demographics d, String city) {
        Patient p = new Patient();
        p.addIdentifier().setSystem(own.system()).setValue(own.value());
        if (d.ssn() != null) {
            p.addIdentifier().setSystem(PatientFhirMapper.SSN_SYSTEM).setValue(d.ssn());
        }
        HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(d.family());
        if (d.given() != null) {
            for (String g : d.given().split(" ")) {
                name.addGiven(g);
            }
        }
        if (d.gender() != null) {
            p.setGender(AdministrativeGender.fromCode(d.gender()));
        }
        if (d.birthDate() != null) {
            p.setBirthDateElement(new DateType(d.birthDate().toString()));
        }
        if (d.phone() != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(d.phone());
        }
        if (d.address() != null) {
            int space = d.address().lastIndexOf(' ');
            p.addAddress()
                    .addLine(d.address().substring(0, space))
                    .setCity(city)
                    .setPostalCode(d.address().substring(space + 1));
        }
        return p;
    }
}
