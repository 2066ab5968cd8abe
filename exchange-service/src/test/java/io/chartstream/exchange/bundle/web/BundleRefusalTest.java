package io.chartstream.exchange.bundle.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.testsupport.ClinicalRecordSamples;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bundles the gateway refuses before any owner sees them (the owners here are {@link FakeOwners},
 * which record every call): each answer is a 4xx OperationOutcome naming the entry, and nothing
 * is forwarded. The whole path through the real owners is BundleSystemTest's.
 */
@QuarkusTest
class BundleRefusalTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String CLINICIAN = TestTokens.clinician("dr.rivera", "riverside-clinic");

    @Test
    void aTypeTheExchangeDoesNotServeIsRefusedNamingTheEntry() {
        Bundle bundle = transaction(ClinicalRecordSamples.of("Condition", UUID.randomUUID()), new Claim());

        refusedBeforeForwarding(bundle, 422).body("issue[0].diagnostics", startsWith("Bundle.entry[1] (Claim)"));
    }

    @Test
    void aReferenceToNoEntryOfTheBundleIsRefused() {
        Observation dangling = (Observation) ClinicalRecordSamples.of("Observation", UUID.randomUUID());
        dangling.setSubject(new Reference("urn:uuid:" + UUID.randomUUID()));

        refusedBeforeForwarding(transaction(dangling), 422)
                .body("issue[0].diagnostics", containsString("names no entry"));
    }

    @Test
    void anEntryAboutAPersonWithoutACareRelationshipIsForbidden() {
        refusedBeforeForwarding(transaction(ClinicalRecordSamples.of("Immunization", UUID.randomUUID())), 403)
                .body("issue[0].diagnostics", startsWith("Bundle.entry[0] (Immunization)"));
    }

    @Test
    void moreEntriesThanTheLimitAre413() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Resource small = new org.hl7.fhir.r4.model.Basic();
        for (int i = 0; i < 5_001; i++) {
            bundle.addEntry()
                    .setResource(small)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Basic");
        }

        refusedBeforeForwarding(bundle, 413).body("issue[0].diagnostics", containsString("the limit is 5000"));
    }

    @Test
    void onlyTransactionsAndBatchesAreTaken() {
        Bundle document = transaction(ClinicalRecordSamples.of("Condition", UUID.randomUUID()))
                .setType(Bundle.BundleType.DOCUMENT);

        refusedBeforeForwarding(document, 400).body("issue[0].diagnostics", containsString("transaction or batch"));
    }

    @Test
    void aBundleWithoutATypeIsABadRequest() {
        Bundle untyped = transaction(ClinicalRecordSamples.of("Condition", UUID.randomUUID()))
                .setType(null);

        refusedBeforeForwarding(untyped, 400).body("issue[0].diagnostics", containsString("no type"));
    }

    @Test
    void somethingOtherThanABundleIsABadRequest() {
        given().auth()
                .oauth2(CLINICIAN)
                .contentType("application/fhir+json")
                .body("{\"resourceType\": \"Bundle\", \"type\": ")
                .post("/fhir")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void aPatientMayNotPostBundles() {
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(transaction(new Claim())))
                .post("/fhir")
                .then()
                .statusCode(403);
    }

    private static ValidatableResponse refusedBeforeForwarding(Bundle bundle, int status) {
        int before = FakeOwners.CALLS.size();
        ValidatableResponse answer = given().auth()
                .oauth2(CLINICIAN)
                .contentType("application/fhir+json")
                .body(FHIR.newJsonParser().encodeResourceToString(bundle))
                .post("/fhir")
                .then()
                .statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"));
        assertEquals(before, FakeOwners.CALLS.size(), "nothing of a refused Bundle is forwarded");
        return answer;
    }

    private static Bundle transaction(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource r : resources) {
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(r)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl(r.fhirType());
        }
        return bundle;
    }
}
