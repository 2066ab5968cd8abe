package io.chartstream.exchange.capability.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /fhir/metadata}: answered without a token, and claims exactly what the gateway serves. */
@QuarkusTest
class CapabilityStatementTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<TypeRestfulInteraction> PROBED = List.of(
            TypeRestfulInteraction.CREATE,
            TypeRestfulInteraction.READ,
            TypeRestfulInteraction.VREAD,
            TypeRestfulInteraction.UPDATE,
            TypeRestfulInteraction.DELETE,
            TypeRestfulInteraction.SEARCHTYPE,
            TypeRestfulInteraction.HISTORYINSTANCE);

    static CapabilityStatement metadata() {
        String body = given().when()
                .get("/fhir/metadata")
                .then()
                .statusCode(200)
                .contentType("application/fhir+json")
                .extract()
                .asString();
        return FHIR.newJsonParser().parseResource(CapabilityStatement.class, body);
    }

    @Test
    void metadataIsAnsweredWithoutATokenAsACapabilityStatement() {
        CapabilityStatement statement = metadata();

        assertEquals("4.0.1", statement.getFhirVersion().toCode());
        assertEquals("active", statement.getStatus().toCode());
        assertEquals("instance", statement.getKind().toCode());
        assertEquals("ChartStream", statement.getSoftware().getName());
        assertTrue(statement.getFormat().stream().anyMatch(f -> "json".equals(f.getValue())));
        assertTrue(statement.hasDate());
        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertEquals("server", rest.getMode().toCode());
        assertEquals(
                "OAuth",
                rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode());
        assertTrue(rest.getSecurity().getDescription().contains("Keycloak realm chartstream"));
        assertTrue(statement.getImplementation().getUrl().endsWith("/fhir"));
    }

    @Test
    void listsTheServedTypesWithTheirInteractionsAndOperations() {
        CapabilityStatementRestComponent rest = metadata().getRestFirstRep();

        List<String> served = new java.util.ArrayList<>(List.of("Patient"));
        served.addAll(ClinicalContracts.ENTRY_TYPES);
        served.addAll(List.of("Organization", "Practitioner", "PractitionerRole", "Location", "Subscription"));
        assertEquals(
                served,
                rest.getResource().stream()
                        .map(CapabilityStatementRestResourceComponent::getType)
                        .toList());
        assertEquals(
                Set.of("create", "update", "read", "vread", "search-type", "history-instance"),
                interactions(resource(rest, "Patient")));
        for (String entry : ClinicalContracts.ENTRY_TYPES) {
            assertEquals(
                    Set.of("create", "update", "delete", "read", "vread", "search-type", "history-instance"),
                    interactions(resource(rest, entry)),
                    entry);
        }
        assertEquals(
                Set.of("create", "update", "read", "vread", "search-type"),
                interactions(resource(rest, "Organization")));
        assertEquals(
                List.of("transaction", "batch"),
                rest.getInteraction().stream().map(i -> i.getCode().toCode()).toList());
        assertEquals(
                List.of("patient", "subject", "category", "code", "status", "date", "_lastUpdated", "_count"),
                searchParams(resource(rest, "Observation")));
        assertEquals(
                List.of("patient", "subject", "category", "code", "clinical-status", "date", "_lastUpdated", "_count"),
                searchParams(resource(rest, "Condition")));
        assertEquals(
                List.of("patient", "date", "status", "_lastUpdated", "_count").stream()
                        .sorted()
                        .toList(),
                searchParams(resource(rest, "Immunization")).stream().sorted().toList());
        assertEquals(
                "everything", resource(rest, "Patient").getOperationFirstRep().getName());
        assertEquals(
                "events", resource(rest, "Subscription").getOperationFirstRep().getName());
    }

    /** Each claimed interaction has an endpoint, and each interaction not claimed has none. */
    @Test
    void claimsExactlyTheInteractionsTheGatewayAnswers() {
        String token = TestTokens.clinician("dr.rivera", "riverside-clinic");
        for (CapabilityStatementRestResourceComponent resource :
                metadata().getRestFirstRep().getResource()) {
            Set<String> claimed = interactions(resource);
            for (TypeRestfulInteraction interaction : PROBED) {
                Response answer = probe(token, resource.getType(), interaction);
                assertEquals(
                        claimed.contains(interaction.toCode()),
                        isServed(answer),
                        resource.getType() + " " + interaction.toCode() + " answered " + answer.statusCode() + " "
                                + answer.asString());
            }
        }
        assertEquals(
                404, // an unknown person and one outside the caller's care answer alike
                given().auth()
                        .oauth2(token)
                        .when()
                        .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                        .statusCode());
        assertEquals(
                200,
                given().auth()
                        .oauth2(token)
                        .when()
                        .get("/fhir/Subscription/riverside-clinic/$events")
                        .statusCode());
    }

    private static Response probe(String token, String type, TypeRestfulInteraction interaction) {
        var request = given().auth().oauth2(token).contentType("application/fhir+json");
        UUID id = UUID.randomUUID();
        return switch (interaction) {
            case CREATE -> request.post("/fhir/{type}", type);
            case READ -> request.get("/fhir/{type}/{id}", type, id);
            case VREAD -> request.get("/fhir/{type}/{id}/_history/1", type, id);
            case UPDATE -> request.put("/fhir/{type}/{id}", type, id);
            case DELETE -> request.delete("/fhir/{type}/{id}", type, id);
            case SEARCHTYPE -> request.get("/fhir/{type}?patient={id}", type, id);
            case HISTORYINSTANCE -> request.get("/fhir/{type}/{id}/_history", type, id);
            default -> throw new IllegalArgumentException(interaction.toCode());
        };
    }

    /**
     * Nothing here exists, so a served interaction refuses the request (an empty body, an
     * unknown person) or says the resource is not in the view; an unserved one has no route.
     */
    private static boolean isServed(Response answer) {
        int status = answer.statusCode();
        if (status == 404) {
            return answer.asString().contains("is not in your organization's view")
                    || answer.asString().contains("is not in the directory")
                    || answer.asString().contains(" has no version ");
        }
        return status != 405;
    }

    /**
     * Each search parameter claimed for a type is taken (nothing here exists: the answer is the
     * view's 404, not a 400 for the parameter), and one that is not claimed is refused.
     */
    @Test
    void claimsExactlyTheSearchParametersTheGatewayTakes() {
        String token = TestTokens.clinician("dr.rivera", "riverside-clinic");
        for (CapabilityStatementRestResourceComponent resource :
                metadata().getRestFirstRep().getResource()) {
            if (!ClinicalContracts.ENTRY_TYPES.contains(resource.getType())) {
                continue;
            }
            String patient = UUID.randomUUID().toString();
            for (var param : resource.getSearchParam()) {
                String value = switch (param.getType()) {
                    case REFERENCE -> "Patient/" + patient;
                    case DATE -> "ge2024-01-01";
                    case NUMBER -> "10";
                    default -> "http://loinc.org|4548-4,final";
                };
                Response answer = given().auth()
                        .oauth2(token)
                        .queryParam("patient", patient)
                        .queryParam(param.getName(), value)
                        .get("/fhir/{type}", resource.getType());
                assertEquals(
                        404,
                        answer.statusCode(),
                        resource.getType() + "?" + param.getName() + "=" + value + " " + answer.asString());
            }
            given().auth()
                    .oauth2(token)
                    .queryParam("patient", patient)
                    .queryParam("performer", "Practitioner/1")
                    .get("/fhir/{type}", resource.getType())
                    .then()
                    .statusCode(400)
                    .body(org.hamcrest.Matchers.containsString("performer is not served"));
        }
    }

    private static List<String> searchParams(CapabilityStatementRestResourceComponent resource) {
        return resource.getSearchParam().stream()
                .map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }

    private static CapabilityStatementRestResourceComponent resource(
            CapabilityStatementRestComponent rest, String type) {
        return rest.getResource().stream()
                .filter(r -> type.equals(r.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in the CapabilityStatement"));
    }

    private static Set<String> interactions(CapabilityStatementRestResourceComponent resource) {
        return resource.getInteraction().stream()
                .map(ResourceInteractionComponent::getCode)
                .map(TypeRestfulInteraction::toCode)
                .collect(Collectors.toSet());
    }
}
