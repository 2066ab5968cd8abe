package io.chartstream.patient.registration.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Merges;
import io.chartstream.patient.registration.domain.PatientDocument;
import io.chartstream.patient.registration.domain.Person;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** FHIR R4 Patient to the domain and back, with HAPI FHIR only: the one place FHIR meets the MPI. */
public class PatientFhirMapper {

    /** US Social Security Number: matching evidence, never a link. */
    public static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

    private final FhirContext fhir;

    public PatientFhirMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** @throws ca.uhn.fhir.parser.DataFormatException when the text is not a FHIR R4 Patient */
    public Patient parse(String json) {
        return parser().parseResource(Patient.class, json);
    }

    public String encode(Patient patient) {
        return parser().encodeResourceToString(patient);
    }

    /** The identifiers that name someone: both a system and a value, blanks ignored. */
    public List<Identifier> identifiers(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> i.hasSystem() && i.hasValue())
                .filter(i -> !i.getSystem().isBlank() && !i.getValue().isBlank())
                .map(i -> new Identifier(i.getSystem(), i.getValue()))
                .toList();
    }

    public PatientDocument document(Patient patient) {
        return new PatientDocument(encode(patient), demographics(patient));
    }

    /** Given names (all of them), family name and a day-precise birth date of the official (else first) name. */
    public Demographics demographics(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        String given = name.getGiven().stream()
                .map(StringType::getValue)
                .filter(g -> g != null && !g.isBlank())
                .collect(Collectors.joining(" "));
        LocalDate birthDate = null;
        if (patient.hasBirthDateElement()
                && patient.getBirthDateElement().getPrecision() == TemporalPrecisionEnum.DAY) {
            var d = patient.getBirthDateElement();
            birthDate = LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay());
        }
        String gender = patient.hasGender() ? patient.getGender().toCode() : null;
        String phone = patient.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE && t.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
        String address = patient.getAddress().stream()
                .filter(a -> a.hasLine() && a.hasPostalCode())
                .map(a -> a.getLine().get(0).getValue() + " " + a.getPostalCode())
                .findFirst()
                .orElse(null);
        String ssn = patient.getIdentifier().stream()
                .filter(i -> SSN_SYSTEM.equals(i.getSystem()) && i.hasValue())
                .map(i -> i.getValue())
                .findFirst()
                .orElse(null);
        return new Demographics(
                given.isEmpty() ? null : given, name.getFamily(), birthDate, gender, phone, address, ssn);
    }

    /**
     * The registration's answer: the Patient exactly as the organization sent it, with the
     * enterprise person id. Nothing another organization sent (identifiers, names, telecom,
     * address) and not the person's version, which would tell how many others registered it.
     */
    public Patient answer(Patient sent, Person person) {
        Patient answer = sent.copy();
        answer.setId(person.personId().toString());
        answer.getMeta().setVersionIdElement(null);
        return answer;
    }

    /**
     * The enterprise person as a FHIR Patient: the first registration's demographics, every
     * linked identifier, id = person id and versionId = stream version.
     */
    public Patient toFhir(Person person) {
        Patient patient = parse(person.firstRegistration().fhirJson());
        patient.setId(person.personId().toString());
        patient.getMeta().setVersionId(Long.toString(person.version()));
        patient.getIdentifier().clear();
        person.identifiers()
                .forEach(i -> patient.addIdentifier().setSystem(i.system()).setValue(i.value()));
        addMergeLinks(patient, person);
        return patient;
    }

    /**
     * {@code Patient.link} after merges (decisions §21): a merged person is inactive and
     * {@code replaced-by} its survivor; a survivor {@code replaces} each person merged into it.
     */
    private static void addMergeLinks(Patient patient, Person person) {
        patient.getLink().clear();
        Merges merges = person.merges();
        if (merges.replacedBy() != null) {
            patient.setActive(false);
            patient.addLink()
                    .setType(Patient.LinkType.REPLACEDBY)
                    .setOther(new Reference("Patient/" + merges.replacedBy().personId()));
        }
        merges.replaces()
                .forEach(m -> patient.addLink()
                        .setType(Patient.LinkType.REPLACES)
                        .setOther(new Reference("Patient/" + m.personId())));
    }

    private IParser parser() {
        return fhir.newJsonParser();
    }
}
