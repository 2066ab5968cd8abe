package io.chartstream.exchange.read.web;

import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.chartstream.exchange.read.web.ReadByIdTest.newOrg;
import static io.chartstream.exchange.read.web.ReadByIdTest.read;
import static io.chartstream.exchange.support.RecordEvents.identifierLinked;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.chartstream.exchange.support.RecordEvents.registrationRevised;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * RegistrationRevised in the organizations' views: the first registrant's revision is the
 * person's Patient every caring organization reads (identifiers kept, a new version); a later
 * registrant's revision changes only its own registration, at the MPI.
 */
@QuarkusTest
class RevisedDemographicsTest {

    private static Patient named(String family) {
        return new Patient().addName(new HumanName().setFamily(family).addGiven("Ana"));
    }

    @Test
    void theRegistrantsRevisionIsThePatientEveryCaringOrganizationReads() {
        UUID person = UUID.randomUUID();
        String clinic = newOrg("riverside");
        String hospital = newOrg("st-marys");
        publish(patientRegistered(person, clinic, "MRN-V1", named("Rivera")));
        publish(identifierLinked(person, hospital, "SM-V1"));
        publish(registrationRevised(person, hospital, "SM-V1", named("Someone-Else"), false, 3));
        String revised = publish(registrationRevised(person, clinic, "MRN-V1", named("Rivera-Stone"), true, 4));

        read(TestTokens.clinician("dr.chen", hospital), "Patient", person, revised)
                .statusCode(200)
                .body("name[0].family", equalTo("Rivera-Stone"))
                .body("meta.versionId", equalTo("3"))
                .body("identifier.value", hasItems("MRN-V1", "SM-V1"));
        read(TestTokens.clinician("dr.rivera", clinic), "Patient", person, revised)
                .statusCode(200)
                .body("name[0].family", equalTo("Rivera-Stone"));
    }
}
