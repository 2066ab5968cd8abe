package io.chartstream.fhir.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import io.chartstream.fhir.FhirValidation;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.function.Consumer;

/**
 * CPU per validation of a lab Observation: HAPI's FhirValidator with a FhirInstanceValidator (a
 * new instance validator per resource) against {@link FhirValidation} (pooled instance validators).
 * Run: {@code mvn -B -q -pl chartstream-fhir test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.chartstream.fhir.bench.ValidationBenchmark}
 */
public final class ValidationBenchmark {

    private static final String OBSERVATION = """
            {"resourceType":"Observation","status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"2345-7","display":"Glucose"}]},
             "subject":{"reference":"Patient/4f1c2a7e-0000-4000-8000-000000000001"},
             "effectiveDateTime":"2026-11-20T08:30:00Z",
             "valueQuantity":{"value":132,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}""";

    private ValidationBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        FhirContext fhir = FhirContext.forR4Cached();
        IBaseResource observation = fhir.newJsonParser().parseResource(OBSERVATION);

        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setNoTerminologyChecks(true);
        module.setAnyExtensionsAllowed(true);
        FhirValidator hapi = fhir.newValidator().registerValidatorModule(module);
        FhirValidation pooled = new FhirValidation(fhir);

        measure(
                "HAPI FhirValidator (new instance validator each time)",
                rounds,
                r -> hapi.validateWithResult(r),
                observation);
        measure("FhirValidation (pooled instance validators)", rounds, pooled::errors, observation);
        System.exit(0);
    }

    private static void measure(String label, int rounds, Consumer<IBaseResource> validate, IBaseResource resource) {
        for (int i = 0; i < Math.min(500, rounds); i++) {
            validate.accept(resource); // warm-up: class loading, JIT, the validator's caches
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            validate.accept(resource);
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / rounds;
        double wallMs = (System.nanoTime() - wall) / 1e6 / rounds;
        System.out.printf(
                "| %s | %.2f ms CPU, %.2f ms wall per Observation (%,d rounds) |%n", label, cpuMs, wallMs, rounds);
    }
}
