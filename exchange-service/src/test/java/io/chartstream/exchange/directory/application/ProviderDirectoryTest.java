package io.chartstream.exchange.directory.application;

import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java API a bundle processor uses: create (conditionally), resolve a conditional reference, read. */
@QuarkusTest
class ProviderDirectoryTest {

    private static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    private static final ActingParty HOSPITAL = new ActingParty("st-marys-hospital", "bundle-loader", "corr-1");

    @Inject
    ProviderDirectory directory;

    private static String organization(String syntheaId) {
        return "{\"resourceType\":\"Organization\",\"identifier\":[{\"system\":\"" + SYNTHEA + "\",\"value\":\""
                + syntheaId + "\"}],\"name\":\"Synthea Clinic\"}";
    }

    @Test
    void resolveAnswersTheOneResourceWithTheIdentifier() {
        String syntheaId = UUID.randomUUID().toString();
        String reference = "Organization?identifier=" + SYNTHEA + "|" + syntheaId;
        assertEquals(Optional.empty(), directory.resolve(reference));

        var created = directory.create("Organization", organization(syntheaId), null, HOSPITAL);
        assertTrue(created.created());
        assertEquals(1, created.version());
        assertEquals(Optional.of("Organization/" + created.id()), directory.resolve(reference));
        assertEquals("Organization/" + created.id(), created.reference());
        // another type with the same identifier is another resource
        assertEquals(Optional.empty(), directory.resolve("Location?identifier=" + SYNTHEA + "|" + syntheaId));
    }

    @Test
    void resolveRefusesToChooseBetweenSeveral() {
        String npi = UUID.randomUUID().toString();
        String body = "{\"resourceType\":\"Practitioner\",\"identifier\":[{\"system\":\"" + NPI + "\",\"value\":\""
                + npi + "\"}]}";
        directory.create("Practitioner", body, null, HOSPITAL);
        directory.create("Practitioner", body, null, HOSPITAL);
        FhirProblem problem =
                assertThrows(FhirProblem.class, () -> directory.resolve("Practitioner?identifier=" + NPI + "|" + npi));
        assertEquals(412, problem.status());
    }

    @Test
    void conditionalCreateThroughTheApiMatchesWithoutWriting() {
        String syntheaId = UUID.randomUUID().toString();
        String condition = "identifier=" + SYNTHEA + "|" + syntheaId;
        var first = directory.create("Organization", organization(syntheaId), condition, HOSPITAL);
        var second = directory.create("Organization", organization(syntheaId), condition, HOSPITAL);
        assertTrue(first.created());
        assertFalse(second.created());
        assertEquals(first.id(), second.id());
        assertEquals(1, second.version());
        assertEquals(
                first.id(),
                directory.read("Organization", first.id()).orElseThrow().id());
    }

    @Test
    void badInputIsAFhirProblem() {
        assertEquals(
                422,
                assertThrows(
                                FhirProblem.class,
                                () -> directory.create(
                                        "Organization",
                                        "{\"resourceType\":\"Organization\",\"active\":\"perhaps\"}",
                                        null,
                                        HOSPITAL))
                        .status());
        assertEquals(
                400,
                assertThrows(FhirProblem.class, () -> directory.create("Patient", "{}", null, HOSPITAL))
                        .status());
        assertEquals(
                400,
                assertThrows(FhirProblem.class, () -> directory.resolve("Organization?name=Synthea"))
                        .status());
        assertEquals(
                400,
                assertThrows(FhirProblem.class, () -> directory.resolve("Organization/123"))
                        .status());
    }

    @Test
    void servesTheFourDirectoryTypes() {
        assertEquals(
                java.util.List.of("Organization", "Practitioner", "PractitionerRole", "Location"),
                ProviderDirectory.TYPES);
        assertTrue(ProviderDirectory.serves("PractitionerRole"));
        assertFalse(ProviderDirectory.serves("Patient"));
        assertEquals(
                Optional.empty(),
                directory.read("Organization", UUID.randomUUID().toString()));
        assertEquals(
                Optional.empty(), directory.read("Patient", UUID.randomUUID().toString()));
    }
}
