package io.chartstream.clinical.entry.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryEnteredInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryRecorded;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.testsupport.Approvals;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the published JSON of every clinical event type (docs/events.md) to an approved file in
 * src/test/resources/approved. A renamed, added or removed field fails the build: change the
 * contract on purpose (a new vN), never by accident. A missing file is written for review and
 * the test fails until it is committed.
 */
class ClinicalEventJsonApprovalTest {

    private static final UUID ENTRY = UUID.fromString("3f1c2b7a-8e44-4c1b-9d2e-5a6b7c8d9e0f");
    private static final UUID PERSON = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private static final String ORG = "riverside-clinic";
    private static final String DR = "Practitioner/dr-amara-chen";
    private static final Set<String> CONTRACT_FIELDS =
            Set.of("entryId", "personId", "organization", "practitioner", "resourceType", "resource");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventTypes<ClinicalEntryEvent> types = ClinicalEventTypes.create();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(
                        ClinicalContracts.ENTRY_RECORDED,
                        new EntryRecorded(
                                ENTRY, PERSON, ORG, DR, "Observation", stamped(FhirSamples.glucose(PERSON, 95), 1))),
                Arguments.of(
                        ClinicalContracts.ENTRY_AMENDED,
                        new EntryAmended(
                                ENTRY, PERSON, ORG, DR, "Observation", stamped(FhirSamples.glucose(PERSON, 98), 2))),
                Arguments.of(
                        ClinicalContracts.ENTRY_ENTERED_IN_ERROR,
                        new EntryEnteredInError(ENTRY, PERSON, ORG, DR, "Observation", enteredInError())));
    }

    /** The retired per-type "recorded" events, each with the event its approved example reads as. */
    static Stream<Arguments> retired() {
        return Stream.of(
                Arguments.of(
                        ClinicalContracts.OBSERVATION_RECORDED,
                        new EntryRecorded(
                                ENTRY, PERSON, ORG, DR, "Observation", stamped(FhirSamples.glucose(PERSON, 95), 1))),
                Arguments.of(
                        ClinicalContracts.CONDITION_RECORDED,
                        new EntryRecorded(
                                ENTRY, PERSON, ORG, DR, "Condition", stamped(FhirSamples.type2Diabetes(PERSON), 1))),
                Arguments.of(
                        ClinicalContracts.MEDICATION_REQUEST_RECORDED,
                        new EntryRecorded(
                                ENTRY,
                                PERSON,
                                ORG,
                                DR,
                                "MedicationRequest",
                                stamped(FhirSamples.metformin(PERSON), 1))),
                Arguments.of(
                        ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED,
                        new EntryRecorded(
                                ENTRY,
                                PERSON,
                                ORG,
                                null,
                                "AllergyIntolerance",
                                stamped(FhirSamples.penicillinAllergy(PERSON), 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retired")
    void retiredRecordedTypesAreStillReadAsEntryRecorded(Contract<?> contract, ClinicalEntryEvent event) {
        assertEquals(event, types.fromJson(contract.typeName(), Approvals.approved(contract)));
        assertEquals(ClinicalContracts.ENTRY_RECORDED.typeName(), types.typeOf(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventJsonMatchesTheApprovedContract(Contract<?> contract, ClinicalEntryEvent event) {
        assertEquals(contract.typeName(), types.typeOf(event));
        Approvals.assertApproved(contract, types.toJson(event));
        assertEquals(
                event,
                types.fromJson(contract.typeName(), Approvals.approved(contract)),
                "the approved JSON must read back as the same event");
    }

    @org.junit.jupiter.api.Test
    void everyPublishedTypeHasAnApproval() {
        Approvals.assertCovers(
                "clinical",
                types.registeredTypes(),
                Stream.concat(events(), retired())
                        .map(a -> ((Contract<?>) a.get()[0]).typeName())
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventCarriesTheContractFieldsWithTheResourceAsAnObject(Contract<?> contract, ClinicalEntryEvent event)
            throws Exception {
        JsonNode data = JSON.readTree(types.toJson(event));
        Set<String> fields = new java.util.TreeSet<>();
        data.fieldNames().forEachRemaining(fields::add);
        assertEquals(new java.util.TreeSet<>(CONTRACT_FIELDS), fields);
        assertTrue(data.get("resource").isObject(), "resource must be a JSON object, never a string");
        assertEquals(ENTRY.toString(), data.at("/resource/id").asText());
        assertEquals(
                data.get("resourceType").asText(),
                data.at("/resource/resourceType").asText());
        assertTrue(data.at("/resource/meta/versionId").isTextual());
    }

    @org.junit.jupiter.api.Test
    void fhirDecimalsKeepTheirPrecisionThroughTheEventJson() {
        Observation hba1c = FhirSamples.glucose(PERSON, 1);
        hba1c.getValueQuantity().setValue(new BigDecimal("5.50"));
        hba1c.getReferenceRange()
                .add(new Observation.ObservationReferenceRangeComponent()
                        .setLow(new Quantity().setValue(new BigDecimal("0.10"))));
        EntryRecorded event = new EntryRecorded(ENTRY, PERSON, ORG, DR, "Observation", stamped(hba1c, 1));

        ClinicalEntryEvent read = types.fromJson(ClinicalContracts.ENTRY_RECORDED.typeName(), types.toJson(event));

        Observation back = FhirSamples.parse(Observation.class, read.resource().json());
        assertEquals("5.50", back.getValueQuantity().getValueElement().getValueAsString());
        assertEquals(
                "0.10",
                back.getReferenceRangeFirstRep().getLow().getValueElement().getValueAsString());
    }

    /** The amended glucose of the example withdrawn as version 3. */
    private static FhirJson enteredInError() {
        Observation glucose = FhirSamples.glucose(PERSON, 98);
        glucose.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        return stamped(glucose, 3);
    }

    private static FhirJson stamped(Resource resource, int version) {
        resource.setId(ENTRY.toString());
        resource.getMeta()
                .setVersionId(Integer.toString(version))
                .setLastUpdatedElement(new InstantType("2025-03-14T08:45:00.000Z"));
        return new FhirJson(FhirSamples.json(resource));
    }
}
