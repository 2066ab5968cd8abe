package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.FhirValidation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which writes a remembered verdict covers, with the real validator and a clock of the test's own.
 * A Quarkus test only because HAPI's validator, once a Quarkus test ran in the JVM, loads its XML
 * classes from another class loader than a plain test's.
 */
@QuarkusTest
class ValidationVerdictsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Inject
    FhirValidation validation;

    private final AtomicLong nanos = new AtomicLong();
    private ValidationVerdicts verdicts;

    @BeforeEach
    void memoryOfItsOwn() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
        verdicts = new ValidationVerdicts(FHIR, validation, 100, Duration.ofMinutes(2), nanos::get);
    }

    /** Glucose (2345-7) with a component coded {@code componentCode}: 2345-7 repeats the Observation's code (obs-7). */
    static String glucose(String subject, String componentCode) {
        return """
                {"resourceType":"Observation","id":"3c1e7c1a-0000-4000-8000-000000000007","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"2345-7"}]},
                 "subject":{"reference":"%s"},
                 "valueQuantity":{"value":132,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"},
                 "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"valueString":"x"}]}""".formatted(subject, componentCode);
    }

    private static Observation parse(String json) {
        return FHIR.newJsonParser().parseResource(Observation.class, json);
    }

    @Test
    void aWriteOfContentFoundValidIsNotValidatedAgain() {
        assertEquals(List.of(), verdicts.validate(parse(glucose("Patient/0", "2345-0"))));
        long validations = validation.validations();

        assertEquals(List.of(), verdicts.errorsForWrite(parse(glucose("Patient/0", "2345-0"))));

        assertEquals(validations, validation.validations());
        assertEquals(1, verdicts.reused());
    }

    @Test
    void oneCharacterChangedIsValidatedAgainAndItsFindingsReturned() {
        String valid = glucose("Patient/0", "2345-0");
        String changed = glucose("Patient/0", "2345-7");
        assertEquals(1, differingCharacters(valid, changed));
        assertEquals(List.of(), verdicts.validate(parse(valid)));
        long validations = validation.validations();

        List<String> errors = verdicts.errorsForWrite(parse(changed));

        assertTrue(errors.toString().contains("obs-7"), "the component repeats the Observation's code: " + errors);
        assertEquals(validations + 1, validation.validations());
        assertEquals(0, verdicts.reused());
    }

    @Test
    void theKeyLeavesOutTheIdOfARelativeReferenceAndNothingElse() {
        Observation validated = parse(glucose("Patient/0", "2345-0"));
        String key = verdicts.key(validated);

        assertEquals(key, verdicts.key(parse(glucose("Patient/8e7f7a52-1111-4000-8000-00000000000a", "2345-0"))));
        assertNotEquals(key, verdicts.key(parse(glucose("Group/0", "2345-0"))), "the type is read by the validator");
        assertNotEquals(key, verdicts.key(parse(glucose("#atient/0", "2345-0"))), "a local reference is not relative");
        // HAPI's encoder drops a reference's version, for the validator and the store alike
        assertEquals(key, verdicts.key(parse(glucose("Patient/0/_history/1", "2345-0"))));
        assertNotEquals(key, verdicts.key(parse(glucose("http://elsewhere.example/Patient/0", "2345-0"))));
        assertNotEquals(key, verdicts.key(parse(glucose("Patient/not an id", "2345-0"))), "an ill-formed id is kept");
        Observation withDisplay = parse(glucose("Patient/0", "2345-0"));
        withDisplay.setSubject(new Reference("Patient/0").setDisplay("Ana"));
        assertNotEquals(key, verdicts.key(withDisplay));
    }

    @Test
    void aVerdictIsForgottenAfterKeepFor() {
        verdicts.validate(parse(glucose("Patient/0", "2345-0")));
        nanos.addAndGet(Duration.ofMinutes(2).plusSeconds(1).toNanos());
        long validations = validation.validations();

        assertEquals(List.of(), verdicts.errorsForWrite(parse(glucose("Patient/0", "2345-0"))));

        assertEquals(validations + 1, validation.validations());
        assertEquals(0, verdicts.reused());
    }

    @Test
    void aRefusalIsNotRememberedAsAVerdict() {
        assertFalse(verdicts.validate(parse(glucose("Patient/0", "2345-7"))).isEmpty());
        long validations = validation.validations();

        assertFalse(
                verdicts.errorsForWrite(parse(glucose("Patient/0", "2345-7"))).isEmpty());

        assertEquals(validations + 1, validation.validations());
    }

    private static int differingCharacters(String a, String b) {
        assertEquals(a.length(), b.length());
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            n += a.charAt(i) == b.charAt(i) ? 0 : 1;
        }
        return n;
    }
}
