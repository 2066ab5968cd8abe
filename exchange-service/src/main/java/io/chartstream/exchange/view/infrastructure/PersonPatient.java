package io.chartstream.exchange.view.infrastructure;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The Patient that organization views show for an enterprise person: the Patient of the
 * organization that registered the person, with id = the enterprise person id, gaining the
 * identifier of each organization that links the person later. A linking organization's own
 * demographics do not replace the registered ones (the MPI, not the exchange, decides
 * demographics); the registrant's own revision (RegistrationRevised with personDemographics) does.
 */
public final class PersonPatient {

    public record Result(Patient patient, long version, boolean changed) {}

    private PersonPatient() {}

    public static Result merge(
            UUID personId,
            Optional<Patient> current,
            long currentVersion,
            Patient incoming,
            String identifierSystem,
            String identifierValue) {
        Patient merged = current.map(Patient::copy).orElseGet(incoming::copy);
        boolean changed = current.isEmpty();
        if (identifierValue != null && !hasIdentifier(merged, identifierSystem, identifierValue)) {
            merged.addIdentifier(new Identifier().setSystem(identifierSystem).setValue(identifierValue));
            changed = true;
        }
        long version = changed ? currentVersion + 1 : currentVersion;
        merged.setId(new IdType("Patient", personId.toString(), Long.toString(version)));
        merged.getMeta().setVersionId(Long.toString(version));
        return new Result(merged, version, changed);
    }

    /**
     * The person's Patient after their first registrant revised it: the revised Patient with the
     * identifiers the views gathered (every linking organization's) and the links of its merges;
     * unchanged when it says nothing new.
     */
    public static Result revise(UUID personId, Patient current, long currentVersion, Patient revised) {
        Patient next = revised.copy();
        next.setIdentifier(current.copy().getIdentifier());
        // a merge's links are the exchange's, not the registrant's: a revision keeps them
        next.setLink(current.copy().getLink());
        for (Identifier identifier : revised.getIdentifier()) {
            if (identifier.hasValue() && !hasIdentifier(next, identifier.getSystem(), identifier.getValue())) {
                next.addIdentifier(identifier.copy());
            }
        }
        Patient was = current.copy();
        was.setIdElement(null);
        was.setMeta(null);
        next.setIdElement(null);
        next.setMeta(null);
        boolean changed = !was.equalsDeep(next);
        long version = changed ? currentVersion + 1 : currentVersion;
        next.setId(new IdType("Patient", personId.toString(), Long.toString(version)));
        next.getMeta().setVersionId(Long.toString(version));
        return new Result(next, version, changed);
    }

    private static boolean hasIdentifier(Patient patient, String system, String value) {
        return patient.getIdentifier().stream()
                .anyMatch(i -> Objects.equals(i.getSystem(), system) && value.equals(i.getValue()));
    }
}
