package io.chartstream.portal.record;

import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.portal.record.PatientRecordApiTest.record;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A patient whose token names a merged person sees the survivor's record, and their own again after an unmerge. */
@QuarkusTest
class MergedRecordTest {

    @Test
    void theMergedPersonsTokenShowsTheSurvivorsRecordWithBothPersonsEntriesUntilTheUnmerge() {
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID merge = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                survivor,
                "riverside-clinic",
                "urn:riverside:mrn",
                "R-77",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), survivor, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.patientRegistered(
                merged,
                "st-marys-hospital",
                "urn:st-marys:mrn",
                "SM-77",
                Fhir.patient("Alice", "Walker-Smith", "1984-02-11", AdministrativeGender.FEMALE));
        PublishedEvents.recorded(
                ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED.typeName(),
                merged,
                "st-marys-hospital",
                Fhir.allergy("7980", "Penicillin G", "Hives", "moderate"));
        Eventually.assertThat(() -> record("alice", merged).body("allergies", hasSize(1)));

        PublishedEvents.merge(false, merged, merge, survivor, merged, 2);
        PublishedEvents.merge(false, survivor, merge, survivor, merged, 2);

        for (UUID signedIn : List.of(merged, survivor)) {
            Eventually.assertThat(() -> record("alice", signedIn)
                    .body("personId", equalTo(survivor.toString()))
                    .body("demographics.name", equalTo("Alice Walker"))
                    .body("observations", hasSize(1))
                    .body("allergies", hasSize(1))
                    .body("demographics.identifiers.value", containsInAnyOrder("R-77", "SM-77")));
        }

        PublishedEvents.merge(true, survivor, merge, survivor, merged, 3);

        Eventually.assertThat(() -> record("alice", merged)
                .body("personId", equalTo(merged.toString()))
                .body("demographics.name", equalTo("Alice Walker-Smith"))
                .body("observations", hasSize(0))
                .body("allergies", hasSize(1)));
        record("alice", survivor)
                .body("personId", equalTo(survivor.toString()))
                .body("observations", hasSize(1))
                .body("allergies", hasSize(0))
                .body("demographics.identifiers.value", containsInAnyOrder("R-77"));
    }
}
