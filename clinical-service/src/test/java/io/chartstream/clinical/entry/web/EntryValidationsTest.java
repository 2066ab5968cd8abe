package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.Persons;
import io.chartstream.fhir.FhirValidation;
import io.chartstream.testsupport.ClinicalRecordSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's {@code $validate} batch before a transaction that registers, and the write that
 * follows (decisions §33): validated once, by this service, whatever a caller says.
 */
@QuarkusTest
class EntryValidationsTest {

    /** The id {@link ValidationVerdictsTest#glucose} gives its Observation; each test uses one of its own. */
    private static final String ID = "3c1e7c1a-0000-4000-8000-000000000007";

    @Inject
    KnownPersons knownPersons;

    @Inject
    FhirValidation validation;

    @Inject
    ValidationVerdicts verdicts;

    @BeforeEach
    void validatorWarmedUp() {
        // the start-up warm-up validates one resource too: counted only once it is done (the service is ready)
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void entriesValidatedBeforeTheirPersonWasKnownAreWrittenWithoutValidatingAgain() throws Exception {
        UUID person = Persons.registered(knownPersons);
        List<Resource> entries = List.of(
                withId(ClinicalRecordSamples.of("Condition", person)),
                withId(ClinicalRecordSamples.of("Observation", person)),
                withId(ClinicalRecordSamples.of("AllergyIntolerance", person)));
        long validated = validation.validations();
        long reused = verdicts.reused();

        // as the gateway asks before the registration: the person not known yet, Patient/0 in its place
        Bundle answer =
                validate(entries.stream().map(e -> about(e, "Patient/0")).toList());

        assertEquals(List.of(List.of(), List.of(), List.of()), errorsOf(answer));
        assertEquals(validated + 3, validation.validations(), "each entry validated once");
        asGateway().body(json(transaction(entries))).post("/fhir").then().statusCode(200);
        assertEquals(validated + 3, validation.validations(), "the write found the verdicts");
        assertEquals(reused + 3, verdicts.reused());
    }

    @Test
    void aWriteDifferingByOneCharacterFromWhatWasValidatedIsValidatedAgainAndRefused() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = UUID.randomUUID().toString();
        String valid =
                ValidationVerdictsTest.glucose("Patient/" + person, "2345-0").replace(ID, id);
        String changed =
                ValidationVerdictsTest.glucose("Patient/" + person, "2345-7").replace(ID, id);
        assertEquals(List.of(List.of()), errorsOf(validate(List.of(parse(Observation.class, valid)))));
        long validated = validation.validations();

        asGateway()
                .body(json(transaction(List.of(parse(Observation.class, changed)))))
                .post("/fhir")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[0]: "))
                .body("issue[0].diagnostics", containsString("obs-7"));

        assertEquals(validated + 1, validation.validations(), "validated again: the bytes differ");
        asGateway().get("/fhir/Observation/" + id).then().statusCode(404);
    }

    @Test
    void aCallerSayingItsEntriesWereValidatedIsNotBelieved() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = UUID.randomUUID().toString();
        String invalid =
                ValidationVerdictsTest.glucose("Patient/" + person, "2345-7").replace(ID, id);
        long validated = validation.validations();

        asGateway()
                .header("X-ChartStream-Validated", "base-R4") // what the gateway used to send (decisions §17)
                .body(json(transaction(List.of(parse(Observation.class, invalid)))))
                .post("/fhir")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", containsString("obs-7"));

        assertEquals(validated + 1, validation.validations());
        asGateway().get("/fhir/Observation/" + id).then().statusCode(404);
    }

    @Test
    void aValidationWritesNothingAndNamesEachEntrysFindings() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = UUID.randomUUID().toString();
        Resource valid = withId(ClinicalRecordSamples.of("Condition", person));
        Resource invalid = parse(
                Observation.class,
                ValidationVerdictsTest.glucose("Patient/" + person, "2345-7").replace(ID, id));

        List<List<String>> errors = errorsOf(validate(List.of(valid, invalid)));

        assertEquals(List.of(), errors.get(0));
        assertEquals(1, errors.get(1).size(), errors.toString());
        assertTrue(errors.get(1).get(0).contains("obs-7"), errors.toString());
        asGateway().get("/fhir/Observation/" + id).then().statusCode(404);
        asGateway()
                .get("/fhir/Condition/" + valid.getIdElement().getIdPart())
                .then()
                .statusCode(404);
    }

    private static Bundle validate(List<Resource> entries) {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        for (Resource r : entries) {
            batch.addEntry()
                    .setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .setResource(r)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl(r.fhirType() + "/$validate");
        }
        String answer = asGateway()
                .body(json(batch))
                .post("/fhir")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return parse(Bundle.class, answer);
    }

    /** The error diagnostics of each entry's OperationOutcome. */
    private static List<List<String>> errorsOf(Bundle answer) {
        return answer.getEntry().stream()
                .map(e -> ((OperationOutcome) e.getResponse().getOutcome())
                        .getIssue().stream()
                                .filter(i -> i.getSeverity() == IssueSeverity.ERROR)
                                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                                .toList())
                .toList();
    }

    private static Resource withId(Resource resource) {
        return ClinicalTransactionTest.withId(resource, UUID.randomUUID());
    }

    /** A copy of {@code entry} whose Patient references read {@code reference}. */
    private static Resource about(Resource entry, String reference) {
        Resource copy = entry.copy();
        FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class).stream()
                .filter(r -> r.getReference() != null && r.getReference().startsWith("Patient/"))
                .forEach(r -> r.setReference(reference));
        return copy;
    }

    private static Bundle transaction(List<Resource> resources) {
        return ClinicalTransactionTest.transaction(resources.toArray(Resource[]::new));
    }
}
