package io.chartstream.portal.record.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.testsupport.Approvals;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The consumer side of the contracts: every patient and clinical event, as its producer is pinned
 * to publish it (the contract's approved example), reads into the portal's view input.
 */
class ContractExamplesTest {

    private final EventReader reader = new EventReader(FhirContext.forR4Cached());

    @TestFactory
    Stream<DynamicTest> everyPatientEventExampleReads() {
        // the projection reads the events that tell an organization holds an identifier of the
        // person; the others (a match review) are not about the record and are passed over
        return PatientContracts.ALL.stream()
                .filter(contract -> PatientContracts.identifiesPerson(contract.typeName())
                        || PatientContracts.revisesRegistration(contract.typeName()))
                .map(contract -> DynamicTest.dynamicTest(contract.typeName(), () -> {
                    RecordedEvent event = recorded(contract);
                    PersonEvent person = reader.person(event);
                    assertEquals(event.subject(), person.personId().toString());
                    // the revision's example is of the first registration: it replaces like a registration
                    assertEquals(
                            PatientContracts.PATIENT_REGISTERED.is(contract.typeName())
                                    || PatientContracts.REGISTRATION_REVISED.is(contract.typeName()),
                            person.registration());
                    assertNotNull(person.patient().getNameFirstRep().getFamily());
                }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> everyClinicalEventExampleReads() {
        return ClinicalContracts.ALL.stream()
                .map(contract -> DynamicTest.dynamicTest(contract.typeName(), () -> {
                    RecordedEvent event = recorded(contract);
                    EntryEvent entry = reader.entry(event, (Contract<ClinicalEntryV1>) contract);
                    JsonNode data = ContractJson.tree(event.data());
                    assertEquals(
                            data.get("resourceType").asText(), entry.resource().fhirType());
                    assertEquals(data.get("entryId").asText(), entry.entryId().toString());
                }));
    }

    private static RecordedEvent recorded(Contract<?> contract) {
        String data = Approvals.approved(contract);
        String personId = ContractJson.tree(data).get("personId").asText();
        return new RecordedEvent(
                1,
                "stream-" + personId,
                1,
                UUID.randomUUID(),
                contract.typeName(),
                personId,
                data,
                new EventMetadata("c", null, "tester", "riverside-clinic"),
                Instant.now());
    }
}
