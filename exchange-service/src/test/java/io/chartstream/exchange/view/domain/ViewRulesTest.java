package io.chartstream.exchange.view.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import static io.chartstream.exchange.view.domain.ChangeKind.ADDED;
import static io.chartstream.exchange.view.domain.ChangeKind.AMENDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewRulesTest {

    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");
    private static final VersionedResource PATIENT_V1 = new VersionedResource("Patient", PERSON.toString(), 1, "{}");
    private static final VersionedResource PATIENT_V2 = new VersionedResource("Patient", PERSON.toString(), 2, "{}");
    private static final VersionedResource HBA1C_V1 = new VersionedResource("Observation", "e-1", 1, "{}");
    private static final VersionedResource HBA1C_V2 = new VersionedResource("Observation", "e-1", 2, "{}");
    private static final VersionedResource ALLERGY = new VersionedResource("AllergyIntolerance", "e-2", 1, "{}");

    @Test
    void newEntryIsAddedToEveryViewInCare() {
        var changes = ViewRules.onEntry(
                PERSON, List.of("riverside-clinic", "st-marys-hospital"), OptionalLong.empty(), HBA1C_V1);
        assertEquals(
                List.of(
                        new ViewChange("riverside-clinic", PERSON, ADDED, HBA1C_V1),
                        new ViewChange("st-marys-hospital", PERSON, ADDED, HBA1C_V1)),
                changes);
    }

    @Test
    void newerVersionAmendsAndAnOlderOrSameVersionChangesNothing() {
        assertEquals(
                List.of(new ViewChange("riverside-clinic", PERSON, AMENDED, HBA1C_V2)),
                ViewRules.onEntry(PERSON, List.of("riverside-clinic"), OptionalLong.of(1), HBA1C_V2));
        assertTrue(ViewRules.onEntry(PERSON, List.of("riverside-clinic"), OptionalLong.of(2), HBA1C_V2)
                .isEmpty());
        assertTrue(ViewRules.onEntry(PERSON, List.of("riverside-clinic"), OptionalLong.of(2), HBA1C_V1)
                .isEmpty());
    }

    @Test
    void entryOfAPersonNobodyCaresForYetChangesNoView() {
        assertTrue(ViewRules.onEntry(PERSON, List.of(), OptionalLong.empty(), HBA1C_V1)
                .isEmpty());
    }

    @Test
    void registeringOrganizationGetsThePatientAndEntriesRecordedBefore() {
        var changes = ViewRules.onRelationship(
                PERSON, List.of(), "riverside-clinic", Optional.empty(), PATIENT_V1, List.of(ALLERGY, HBA1C_V2));
        assertEquals(
                List.of(
                        new ViewChange("riverside-clinic", PERSON, ADDED, PATIENT_V1),
                        new ViewChange("riverside-clinic", PERSON, ADDED, ALLERGY),
                        new ViewChange("riverside-clinic", PERSON, ADDED, HBA1C_V2)),
                changes);
    }

    @Test
    void organizationLinkedLaterGetsTheWholeRecordAndOthersSeeThePatientAmended() {
        var changes = ViewRules.onRelationship(
                PERSON,
                List.of("riverside-clinic"),
                "st-marys-hospital",
                Optional.of(PATIENT_V1),
                PATIENT_V2,
                List.of(PATIENT_V1, HBA1C_V1));
        assertEquals(
                List.of(
                        new ViewChange("riverside-clinic", PERSON, AMENDED, PATIENT_V2),
                        new ViewChange("st-marys-hospital", PERSON, ADDED, PATIENT_V2),
                        new ViewChange("st-marys-hospital", PERSON, ADDED, HBA1C_V1)),
                changes);
    }

    @Test
    void organizationAlreadyInCareLinkingAgainSeesOnlyAPatientChange() {
        assertEquals(
                List.of(new ViewChange("riverside-clinic", PERSON, AMENDED, PATIENT_V2)),
                ViewRules.onRelationship(
                        PERSON,
                        List.of("riverside-clinic"),
                        "riverside-clinic",
                        Optional.of(PATIENT_V1),
                        PATIENT_V2,
                        List.of()));
        assertTrue(ViewRules.onRelationship(
                        PERSON,
                        List.of("riverside-clinic"),
                        "riverside-clinic",
                        Optional.of(PATIENT_V1),
                        PATIENT_V1,
                        List.of())
                .isEmpty());
    }

    @Test
    void changeKindIsWrittenAsTheFeedContractSpellsIt() {
        assertEquals("added", ChangeKind.ADDED.wire());
        assertEquals("amended", ChangeKind.AMENDED.wire());
    }
}
