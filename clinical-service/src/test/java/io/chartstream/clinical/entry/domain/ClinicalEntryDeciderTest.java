package io.chartstream.clinical.entry.domain;

import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.EnterInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryEnteredInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryRecorded;
import io.chartstream.clinical.entry.domain.EntryRejected.Reason;
import io.chartstream.testsupport.FhirSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Given events, when a command, then events or a rejection: the entry's rules without Quarkus or a database. */
class ClinicalEntryDeciderTest {

    private static final UUID ENTRY = UUID.fromString("0b6f7c52-1d7e-4a53-9f0c-3c1f1d7a9e01");
    private static final UUID PERSON = UUID.fromString("7d2a3f4e-5b6c-4d8e-9f01-23456789abcd");
    private static final Provenance RIVERSIDE = new Provenance("riverside-clinic", "Practitioner/dr-amara-chen");
    private static final FhirJson GLUCOSE_95 = new FhirJson(FhirSamples.json(FhirSamples.glucose(PERSON, 95)));
    private static final FhirJson GLUCOSE_98 = new FhirJson(FhirSamples.json(FhirSamples.glucose(PERSON, 98)));

    private static final EntryRecorded GLUCOSE_RECORDED = new EntryRecorded(
            ENTRY, PERSON, "riverside-clinic", "Practitioner/dr-amara-chen", "Observation", GLUCOSE_95);

    @Test
    void recordingAnObservationEmitsEntryRecorded() {
        given().when(new RecordEntry(ENTRY, PERSON, new EntryType("Observation"), GLUCOSE_95, RIVERSIDE))
                .then(GLUCOSE_RECORDED);
    }

    @Test
    void everyEntryTypeIsRecordedByOneEventNamingItsType() {
        FhirJson condition = new FhirJson(FhirSamples.json(FhirSamples.type2Diabetes(PERSON)));
        FhirJson medication = new FhirJson(FhirSamples.json(FhirSamples.metformin(PERSON)));
        FhirJson allergy = new FhirJson(FhirSamples.json(FhirSamples.penicillinAllergy(PERSON)));
        given().when(new RecordEntry(ENTRY, PERSON, new EntryType("Condition"), condition, RIVERSIDE))
                .then(new EntryRecorded(
                        ENTRY, PERSON, "riverside-clinic", "Practitioner/dr-amara-chen", "Condition", condition));
        given().when(new RecordEntry(ENTRY, PERSON, new EntryType("MedicationRequest"), medication, RIVERSIDE))
                .then(new EntryRecorded(
                        ENTRY,
                        PERSON,
                        "riverside-clinic",
                        "Practitioner/dr-amara-chen",
                        "MedicationRequest",
                        medication));
        given().when(new RecordEntry(ENTRY, PERSON, new EntryType("AllergyIntolerance"), allergy, RIVERSIDE))
                .then(new EntryRecorded(
                        ENTRY,
                        PERSON,
                        "riverside-clinic",
                        "Practitioner/dr-amara-chen",
                        "AllergyIntolerance",
                        allergy));
    }

    @Test
    void recordingAnExistingEntryAgainIsRejected() {
        given(GLUCOSE_RECORDED)
                .when(new RecordEntry(ENTRY, PERSON, new EntryType("Observation"), GLUCOSE_95, RIVERSIDE))
                .thenRejected(Reason.ALREADY_RECORDED);
    }

    @Test
    void amendingTheCurrentVersionEmitsEntryAmended() {
        given(GLUCOSE_RECORDED)
                .when(new AmendEntry(
                        ENTRY,
                        1,
                        PERSON,
                        new EntryType("Observation"),
                        GLUCOSE_98,
                        new Provenance("riverside-clinic", "Practitioner/dr-li")))
                .then(new EntryAmended(
                        ENTRY, PERSON, "riverside-clinic", "Practitioner/dr-li", "Observation", GLUCOSE_98));
    }

    @Test
    void amendingAStaleVersionIsRejected() {
        EntryAmended secondVersion =
                new EntryAmended(ENTRY, PERSON, "riverside-clinic", null, "Observation", GLUCOSE_98);
        given(GLUCOSE_RECORDED, secondVersion)
                .when(new AmendEntry(ENTRY, 1, PERSON, new EntryType("Observation"), GLUCOSE_95, RIVERSIDE))
                .thenRejected(Reason.VERSION_MISMATCH);
    }

    @Test
    void amendingAnUnrecordedEntryIsRejectedAsNotFound() {
        given().when(new AmendEntry(ENTRY, 1, PERSON, new EntryType("Observation"), GLUCOSE_98, RIVERSIDE))
                .thenRejected(Reason.NOT_FOUND);
    }

    @Test
    void amendingAnEntryAsAnotherResourceTypeIsRejectedAsNotFound() {
        FhirJson condition = new FhirJson(FhirSamples.json(FhirSamples.type2Diabetes(PERSON)));
        given(GLUCOSE_RECORDED)
                .when(new AmendEntry(ENTRY, 1, PERSON, new EntryType("Condition"), condition, RIVERSIDE))
                .thenRejected(Reason.NOT_FOUND);
    }

    @Test
    void amendmentThatMovesTheEntryToAnotherPersonIsRejected() {
        given(GLUCOSE_RECORDED)
                .when(new AmendEntry(ENTRY, 1, UUID.randomUUID(), new EntryType("Observation"), GLUCOSE_98, RIVERSIDE))
                .thenRejected(Reason.SUBJECT_CHANGED);
    }

    @Test
    void onlyTheRecordingOrganizationMayAmend() {
        given(GLUCOSE_RECORDED)
                .when(new AmendEntry(
                        ENTRY,
                        1,
                        PERSON,
                        new EntryType("Observation"),
                        GLUCOSE_98,
                        new Provenance("st-marys-hospital", "Practitioner/dr-okafor")))
                .thenRejected(Reason.NOT_RECORDING_ORGANIZATION);
    }

    @Test
    void evolvingCountsVersionsAndKeepsTheCurrentResource() {
        EntryState state = ClinicalEntryDecider.INSTANCE.fold(List.of(
                GLUCOSE_RECORDED,
                new EntryAmended(ENTRY, PERSON, "riverside-clinic", "Practitioner/dr-li", "Observation", GLUCOSE_98)));
        EntryState.Recorded recorded = assertInstanceOf(EntryState.Recorded.class, state);
        assertEquals(2, recorded.version());
        assertEquals(GLUCOSE_98, recorded.resource());
        assertEquals(PERSON, recorded.personId());
        assertEquals("riverside-clinic", recorded.organization());
        assertEquals(new EntryType("Observation"), recorded.type());
    }

    private static final FhirJson GLUCOSE_IN_ERROR = new FhirJson(FhirSamples.json(FhirSamples.glucose(PERSON, 95)
            .setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.ENTEREDINERROR)));
    private static final Provenance DR_LI = new Provenance("riverside-clinic", "Practitioner/dr-li");
    private static final EntryEnteredInError GLUCOSE_IN_ERROR_EVENT = new EntryEnteredInError(
            ENTRY, PERSON, "riverside-clinic", "Practitioner/dr-li", "Observation", GLUCOSE_IN_ERROR);

    @Test
    void withdrawingTheCurrentVersionEmitsEntryEnteredInErrorByTheWithdrawer() {
        given(GLUCOSE_RECORDED)
                .when(new EnterInError(ENTRY, 1, new EntryType("Observation"), GLUCOSE_IN_ERROR, DR_LI))
                .then(GLUCOSE_IN_ERROR_EVENT);
    }

    @Test
    void withdrawingAWithdrawnEntryAgainChangesNothing() {
        given(GLUCOSE_RECORDED, GLUCOSE_IN_ERROR_EVENT)
                .when(new EnterInError(ENTRY, 1, new EntryType("Observation"), GLUCOSE_IN_ERROR, RIVERSIDE))
                .then();
    }

    @Test
    void onlyTheRecordingOrganizationMayWithdraw() {
        Provenance stMarys = new Provenance("st-marys-hospital", "Practitioner/dr-okafor");
        given(GLUCOSE_RECORDED)
                .when(new EnterInError(ENTRY, 1, new EntryType("Observation"), GLUCOSE_IN_ERROR, stMarys))
                .thenRejected(Reason.NOT_RECORDING_ORGANIZATION);
        given(GLUCOSE_RECORDED, GLUCOSE_IN_ERROR_EVENT)
                .when(new EnterInError(ENTRY, 2, new EntryType("Observation"), GLUCOSE_IN_ERROR, stMarys))
                .thenRejected(Reason.NOT_RECORDING_ORGANIZATION);
    }

    @Test
    void withdrawingAStaleVersionIsRejected() {
        given(GLUCOSE_RECORDED, new EntryAmended(ENTRY, PERSON, "riverside-clinic", null, "Observation", GLUCOSE_98))
                .when(new EnterInError(ENTRY, 1, new EntryType("Observation"), GLUCOSE_IN_ERROR, RIVERSIDE))
                .thenRejected(Reason.VERSION_MISMATCH);
    }

    @Test
    void withdrawingAnUnrecordedEntryOrUnderAnotherTypeIsRejectedAsNotFound() {
        given().when(new EnterInError(ENTRY, 1, new EntryType("Observation"), GLUCOSE_IN_ERROR, RIVERSIDE))
                .thenRejected(Reason.NOT_FOUND);
        given(GLUCOSE_RECORDED)
                .when(new EnterInError(ENTRY, 1, new EntryType("Condition"), GLUCOSE_IN_ERROR, RIVERSIDE))
                .thenRejected(Reason.NOT_FOUND);
    }

    @Test
    void aWithdrawnEntryCannotBeAmended() {
        given(GLUCOSE_RECORDED, GLUCOSE_IN_ERROR_EVENT)
                .when(new AmendEntry(ENTRY, 2, PERSON, new EntryType("Observation"), GLUCOSE_98, RIVERSIDE))
                .thenRejected(Reason.ENTERED_IN_ERROR);
    }

    @Test
    void evolvingAWithdrawalKeepsTheOwnerAndTheMarkedVersion() {
        EntryState state = ClinicalEntryDecider.INSTANCE.fold(List.of(GLUCOSE_RECORDED, GLUCOSE_IN_ERROR_EVENT));
        EntryState.EnteredInError gone = assertInstanceOf(EntryState.EnteredInError.class, state);
        assertEquals(2, gone.version());
        assertEquals(GLUCOSE_IN_ERROR, gone.resource());
        assertEquals("riverside-clinic", gone.organization());
        assertEquals(PERSON, gone.personId());
    }

    // ------------------------------------------------------------ given / when / then

    private static Given given(ClinicalEntryEvent... history) {
        return new Given(ClinicalEntryDecider.INSTANCE.fold(List.of(history)));
    }

    private record Given(EntryState state) {
        When when(ClinicalEntryCommand command) {
            return new When(state, command);
        }
    }

    private record When(EntryState state, ClinicalEntryCommand command) {
        void then(ClinicalEntryEvent... expected) {
            assertEquals(List.of(expected), ClinicalEntryDecider.INSTANCE.decide(command, state));
        }

        void thenRejected(Reason reason) {
            EntryRejected rejected =
                    assertThrows(EntryRejected.class, () -> ClinicalEntryDecider.INSTANCE.decide(command, state));
            assertEquals(reason, rejected.reason(), rejected.getMessage());
        }
    }
}
