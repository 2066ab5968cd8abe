package io.chartstream.exchange.view.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.exchange.view.domain.ChangeKind.ADDED;
import static io.chartstream.exchange.view.domain.ChangeKind.AMENDED;
import static io.chartstream.exchange.view.domain.ChangeKind.REMOVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewRulesTest {

    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");
    private static final String ORG = "st-marys-hospital";
    private static final RecordEntry PATIENT = entry("Patient", PERSON.toString(), 2, null);
    private static final RecordEntry HBA1C_V2 = entry("Observation", "e-1", 2, "riverside-clinic");
    private static final RecordEntry ALLERGY = entry("AllergyIntolerance", "e-2", 1, "riverside-clinic");

    @Test
    void whatTheOrganizationMaySeeAndDoesNotHoldIsAdded() {
        var changes = ViewRules.reconcile(ORG, PERSON, List.of(PATIENT, HBA1C_V2), Map.of(), e -> true);

        assertEquals(
                List.of(
                        new ViewChange(ORG, PERSON, ADDED, PATIENT.resource()),
                        new ViewChange(ORG, PERSON, ADDED, HBA1C_V2.resource())),
                changes);
    }

    @Test
    void aNewerVersionAmendsAndAnOlderOrTheSameVersionChangesNothing() {
        assertEquals(
                List.of(new ViewChange(ORG, PERSON, AMENDED, HBA1C_V2.resource())),
                ViewRules.reconcile(ORG, PERSON, List.of(HBA1C_V2), Map.of("Observation/e-1", 1L), e -> true));
        assertTrue(ViewRules.reconcile(ORG, PERSON, List.of(HBA1C_V2), Map.of("Observation/e-1", 2L), e -> true)
                .isEmpty());
        assertTrue(ViewRules.reconcile(ORG, PERSON, List.of(HBA1C_V2), Map.of("Observation/e-1", 3L), e -> true)
                .isEmpty());
    }

    @Test
    void anEntryEnteredInErrorLeavesTheViewOfEachHolderWithItsLastVersionAndNoContent() {
        var changes = ViewRules.enteredInError(List.of("riverside-clinic", ORG), PERSON, "Observation", "e-1", 3);

        assertEquals(
                List.of(
                        new ViewChange(
                                "riverside-clinic",
                                PERSON,
                                ChangeKind.ENTERED_IN_ERROR,
                                new VersionedResource("Observation", "e-1", 3, null)),
                        new ViewChange(
                                ORG,
                                PERSON,
                                ChangeKind.ENTERED_IN_ERROR,
                                new VersionedResource("Observation", "e-1", 3, null))),
                changes);
        assertTrue(ViewRules.enteredInError(List.of(), PERSON, "Observation", "e-1", 3)
                .isEmpty());
        assertEquals("removed", ChangeKind.ENTERED_IN_ERROR.wire(), "v1 feed consumers drop it as a removal");
    }

    @Test
    void aHeldEntryTheOrganizationMayNoLongerSeeIsRemovedWithoutItsContent() {
        var changes = ViewRules.reconcile(
                ORG,
                PERSON,
                List.of(PATIENT, ALLERGY),
                Map.of("Patient/" + PERSON, 2L, "AllergyIntolerance/e-2", 1L),
                e -> e.resource().isPatient());

        assertEquals(
                List.of(new ViewChange(
                        ORG, PERSON, REMOVED, new VersionedResource("AllergyIntolerance", "e-2", 1, null))),
                changes);
    }

    @Test
    void anEntryItMayNotSeeAndDoesNotHoldChangesNothing() {
        assertTrue(ViewRules.reconcile(ORG, PERSON, List.of(ALLERGY), Map.of(), e -> false)
                .isEmpty());
    }

    @Test
    void changeOfIsAddedForNewAmendedForNewerAndNothingForStale() {
        assertEquals(ADDED, ViewRules.changeOf(OptionalLong.empty(), 1).orElseThrow());
        assertEquals(AMENDED, ViewRules.changeOf(OptionalLong.of(1), 2).orElseThrow());
        assertTrue(ViewRules.changeOf(OptionalLong.of(2), 2).isEmpty());
    }

    private static RecordEntry entry(String type, String id, long version, String author) {
        return new RecordEntry(new VersionedResource(type, id, version, "{}"), author, Set.of());
    }
}
