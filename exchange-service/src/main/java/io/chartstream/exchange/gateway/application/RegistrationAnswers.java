package io.chartstream.exchange.gateway.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.Patient;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whose enterprise id a registration answer names: from its Location, else from the Patient it carries. */
public final class RegistrationAnswers {

    private static final Pattern PATIENT_ID = Pattern.compile("Patient/([0-9a-fA-F-]{36})(?:/|$)");

    private RegistrationAnswers() {}

    public static Optional<UUID> personOf(String location, String body, FhirContext fhir) {
        if (location != null) {
            Matcher m = PATIENT_ID.matcher(location);
            if (m.find()) {
                return uuid(m.group(1));
            }
        }
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return uuid(fhir.newJsonParser()
                    .parseResource(Patient.class, body)
                    .getIdElement()
                    .getIdPart());
        } catch (DataFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
