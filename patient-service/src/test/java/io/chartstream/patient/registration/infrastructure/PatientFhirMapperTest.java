package io.chartstream.patient.registration.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.MatchedOn;
import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonDecider;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PatientFhirMapperTest {

    private final PatientFhirMapper mapper = new PatientFhirMapper(FhirContext.forR4Cached());

    @Test
    void demographicsComeFromTheOfficialNameWithAllGivenNames() {
        Patient patient = new Patient();
        patient.addName().setUse(HumanName.NameUse.NICKNAME).setFamily("L").addGiven("Annie");
        patient.addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily("Lopez")
                .addGiven("Ana")
                .addGiven("Maria");
        patient.getBirthDateElement().setValueAsString("1980-12-31");

        assertEquals(new Demographics("Ana Maria", "Lopez", LocalDate.of(1980, 12, 31)), mapper.demographics(patient));
    }

    @Test
    void aBirthYearAloneIsNoBirthDate() {
        Patient patient = new Patient();
        patient.addName().setFamily("Lopez").addGiven("Ana");
        patient.getBirthDateElement().setValueAsString("1980");

        assertEquals(new Demographics("Ana", "Lopez", null), mapper.demographics(patient));
    }

    @Test
    void onlyIdentifiersWithSystemAndValueCount() {
        Patient patient = new Patient();
        patient.addIdentifier().setValue("no-system");
        patient.addIdentifier().setSystem("urn:no-value");
        patient.addIdentifier().setSystem("urn:x").setValue("  ");
        patient.addIdentifier().setSystem("urn:mrn").setValue("42");

        assertEquals(List.of(new Identifier("urn:mrn", "42")), mapper.identifiers(patient));
    }

    @Test
    void enterprisePersonShowsFirstDemographicsAndEveryLinkedIdentifier() {
        UUID id = UUID.randomUUID();
        Patient first = new Patient();
        first.setId("local-17");
        first.addIdentifier().setSystem("urn:riverside-clinic:mrn").setValue("R-1");
        first.addName().setFamily("Lopez").addGiven("Ana");
        Patient second = new Patient();
        second.addIdentifier().setSystem("urn:st-marys-hospital:mrn").setValue("SM-1");
        second.addName().setFamily("Other");
        Person person = PersonDecider.INSTANCE.fold(List.of(
                new PatientRegistered(
                        id,
                        "riverside-clinic",
                        new Identifier("urn:riverside-clinic:mrn", "R-1"),
                        mapper.document(first)),
                new IdentifierLinked(
                        id,
                        "st-marys-hospital",
                        new Identifier("urn:st-marys-hospital:mrn", "SM-1"),
                        mapper.document(second),
                        MatchedOn.IDENTIFIER)));

        Patient fhir = mapper.toFhir(person);

        assertEquals(id.toString(), fhir.getIdElement().getIdPart());
        assertEquals("2", fhir.getMeta().getVersionId());
        assertEquals("Lopez", fhir.getNameFirstRep().getFamily());
        assertEquals(
                List.of("urn:riverside-clinic:mrn|R-1", "urn:st-marys-hospital:mrn|SM-1"),
                fhir.getIdentifier().stream()
                        .map(i -> i.getSystem() + "|" + i.getValue())
                        .toList());
    }
}
