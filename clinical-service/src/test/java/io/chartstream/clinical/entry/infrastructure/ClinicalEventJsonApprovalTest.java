package io.chartstream.clinical.entry.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.AllergyIntoleranceRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ConditionRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.MedicationRequestRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ObservationRecorded;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.clinical.support.ClinicalSamples;
import io.chartstream.eventsourcing.codec.EventTypes;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
                Arguments.of(ClinicalEventTypes.OBSERVATION_RECORDED, new ObservationRecorded(ENTRY, PERSON, ORG, DR,
                        "Observation", stamped(ClinicalSamples.glucose(PERSON, 95), 1))),
                Arguments.of(ClinicalEventTypes.CONDITION_RECORDED, new ConditionRecorded(ENTRY, PERSON, ORG, DR,
                        "Condition", stamped(ClinicalSamples.type2Diabetes(PERSON), 1))),
                Arguments.of(ClinicalEventTypes.MEDICATION_REQUEST_RECORDED, new MedicationRequestRecorded(ENTRY, PERSON,
                        ORG, DR, "MedicationRequest", stamped(ClinicalSamples.metformin(PERSON), 1))),
                Arguments.of(ClinicalEventTypes.ALLERGY_INTOLERANCE_RECORDED, new AllergyIntoleranceRecorded(ENTRY, PERSON,
                        ORG, null, "AllergyIntolerance", stamped(ClinicalSamples.penicillinAllergy(PERSON), 1))),
                Arguments.of(ClinicalEventTypes.ENTRY_AMENDED, new EntryAmended(ENTRY, PERSON, ORG, DR,
                        "Observation", stamped(ClinicalSamples.glucose(PERSON, 98), 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventJsonMatchesTheApprovedContract(String type, ClinicalEntryEvent event) throws Exception {
        assertEquals(type, types.typeOf(event));
        String actual = types.toJson(event);
        Path approved = Path.of("src/test/resources/approved", type + ".json");
        if (!Files.exists(approved)) {
            Files.createDirectories(approved.getParent());
            Files.writeString(approved, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(actual)) + "\n");
            fail("no approved JSON for " + type + " yet; wrote " + approved + ": review and commit it");
        }
        String golden = Files.readString(approved);
        assertEquals(JSON.readTree(golden), JSON.readTree(actual), type + " no longer matches " + approved);
        assertEquals(event, types.fromJson(type, golden), "the approved JSON must read back as the same event");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventCarriesTheContractFieldsWithTheResourceAsAnObject(String type, ClinicalEntryEvent event) throws Exception {
        JsonNode data = JSON.readTree(types.toJson(event));
        Set<String> fields = new java.util.TreeSet<>();
        data.fieldNames().forEachRemaining(fields::add);
        assertEquals(new java.util.TreeSet<>(CONTRACT_FIELDS), fields);
        assertTrue(data.get("resource").isObject(), "resource must be a JSON object, never a string");
        assertEquals(ENTRY.toString(), data.at("/resource/id").asText());
        assertEquals(data.get("resourceType").asText(), data.at("/resource/resourceType").asText());
        assertTrue(data.at("/resource/meta/versionId").isTextual());
    }

    @org.junit.jupiter.api.Test
    void fhirDecimalsKeepTheirPrecisionThroughTheEventJson() {
        Observation hba1c = ClinicalSamples.glucose(PERSON, 1);
        hba1c.getValueQuantity().setValue(new BigDecimal("5.50"));
        hba1c.getReferenceRange().add(new Observation.ObservationReferenceRangeComponent()
                .setLow(new Quantity().setValue(new BigDecimal("0.10"))));
        ObservationRecorded event = new ObservationRecorded(ENTRY, PERSON, ORG, DR, "Observation", stamped(hba1c, 1));

        ClinicalEntryEvent read = types.fromJson(ClinicalEventTypes.OBSERVATION_RECORDED, types.toJson(event));

        Observation back = ClinicalSamples.parse(Observation.class, read.resource().json());
        assertEquals("5.50", back.getValueQuantity().getValueElement().getValueAsString());
        assertEquals("0.10", back.getReferenceRangeFirstRep().getLow().getValueElement().getValueAsString());
    }

    private static FhirJson stamped(Resource resource, int version) {
        resource.setId(ENTRY.toString());
        resource.getMeta().setVersionId(Integer.toString(version)).setLastUpdatedElement(new InstantType("2025-03-14T08:45:00.000Z"));
        return new FhirJson(ClinicalSamples.json(resource));
    }
}
