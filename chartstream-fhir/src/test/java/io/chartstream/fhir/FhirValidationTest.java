package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pooled validator finds exactly what HAPI's FhirValidator + FhirInstanceValidator finds, and reuse leaks nothing. */
class FhirValidationTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirValidation POOLED = new FhirValidation(FHIR);

    private static final String VALID_OBSERVATION = """
            {"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"2345-7"}]},
             "subject":{"reference":"Patient/4f1c2a7e-0000-4000-8000-000000000001"},
             "valueQuantity":{"value":132,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}""";

    private static final String UNKNOWN_PROFILE = "http://example.org/StructureDefinition/nope\"]},\"status\"";

    @ParameterizedTest
    @ValueSource(
            strings = {
                VALID_OBSERVATION,
                // no status, no code: cardinality errors
                "{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Patient/1\"}}",
                // a status but no code
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"valueString\":\"high\"}",
                // a value[x] and a dataAbsentReason together (obs-6)
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"valueString\":\"a\",\"dataAbsentReason\":{\"text\":\"b\"}}",
                // a profile nobody knows: base R4 is checked, and the resource is valid by it
                "{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"http://example.org/StructureDefinition/nope\"]},\"status\":\"final\",\"code\":{\"text\":\"x\"}}",
                // the same profile on an invalid resource: the base definition's errors still count
                "{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"http://example.org/StructureDefinition/nope\"]},\"code\":{\"text\":\"x\"}}",
                // a base profile declared explicitly
                "{\"resourceType\":\"Observation\",\"meta\":{\"profile\":[\"http://hl7.org/fhir/StructureDefinition/vitalsigns\"]},\"status\":\"final\",\"code\":{\"text\":\"x\"}}",
                // a Condition without subject
                "{\"resourceType\":\"Condition\",\"code\":{\"text\":\"diabetes\"}}",
                // a Patient contact with neither details nor an organization (pat-1)
                "{\"resourceType\":\"Patient\",\"contact\":[{\"gender\":\"female\"}]}",
                // an AllergyIntolerance with a clinicalStatus but verificationStatus entered-in-error (ait-2)
                "{\"resourceType\":\"AllergyIntolerance\",\"patient\":{\"reference\":\"Patient/1\"},\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical\",\"code\":\"active\"}]},\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification\",\"code\":\"entered-in-error\"}]}}"
            })
    void findsExactlyWhatHapisValidatorFinds(String json) {
        IBaseResource resource = FHIR.newJsonParser().parseResource(json);
        List<String> expected = hapi(resource);
        assertEquals(
                json.equals(VALID_OBSERVATION) || json.contains(UNKNOWN_PROFILE),
                expected.isEmpty(),
                "only the first case and the unknown profile are valid: " + expected);
        assertEquals(expected, POOLED.errors(resource), json);
    }

    @Test
    void theCasesAboveIncludeBothValidAndInvalidResources() {
        assertTrue(POOLED.errors(FHIR.newJsonParser().parseResource(VALID_OBSERVATION))
                .isEmpty());
        assertFalse(POOLED.errors(FHIR.newJsonParser().parseResource("{\"resourceType\":\"Observation\"}"))
                .isEmpty());
    }

    @Test
    void aReusedValidatorCarriesNothingFromOneResourceToTheNext() {
        int renewal = 100;
        FhirValidation validation = new FhirValidation(FHIR, renewal);
        IBaseResource invalid = FHIR.newJsonParser().parseResource("{\"resourceType\":\"Observation\"}");
        IBaseResource valid = FHIR.newJsonParser().parseResource(VALID_OBSERVATION);
        List<String> firstErrors = validation.errors(invalid);
        for (int i = 0; i < renewal + 10; i++) { // on one thread: the same pooled validator, renewed once
            IBaseResource next = i % 2 == 0 ? valid : invalid;
            List<String> errors = validation.errors(next);
            assertEquals(next == valid ? List.of() : firstErrors, errors, "validation " + i);
        }
    }

    private static List<String> hapi(IBaseResource resource) {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setNoTerminologyChecks(true);
        module.setAnyExtensionsAllowed(true);
        module.setErrorForUnknownProfiles(false);
        FhirValidator validator = FHIR.newValidator().registerValidatorModule(module);
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    @Test
    void writesArrivingTogetherOnAFreshValidatorAreAllValidatedWithOneLoad() throws Exception {
        FhirValidation fresh = new FhirValidation(FhirContext.forR4Cached());
        var pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> fresh.errors(FHIR.newJsonParser().parseResource(VALID_OBSERVATION))));
            }
            for (var answer : answers) {
                assertEquals(List.of(), answer.get(), "each of the burst validated, none refused");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
