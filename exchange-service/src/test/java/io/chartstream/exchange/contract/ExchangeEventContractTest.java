package io.chartstream.exchange.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.exchange.access.application.AccessRules;
import io.chartstream.exchange.access.domain.AccessEvent;
import io.chartstream.exchange.directory.domain.DirectoryEvent;
import io.chartstream.exchange.directory.domain.ResourceJson;
import io.chartstream.exchange.directory.infrastructure.DirectoryEventTypes;
import io.chartstream.exchange.feed.infrastructure.FeedEvent;
import io.chartstream.exchange.feed.infrastructure.FeedPublisher;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.organization.domain.OrganizationEvent;
import io.chartstream.testsupport.Approvals;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the JSON of every event the exchange publishes to its contract's approved example
 * (chartstream-contracts), through the event types the production classes build: renaming or
 * dropping a field fails the build instead of silently breaking the hospitals and services that
 * read these topics. A deliberate change is a new vN.
 */
class ExchangeEventContractTest {

    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");

    @Test
    void organizationRegisteredV1() {
        EventTypes<OrganizationEvent> types = OrganizationDirectory.eventTypes();
        var event = new OrganizationEvent.OrganizationRegistered(
                "st-marys-hospital",
                "St Mary's Hospital",
                "http://localhost:8090/webhook",
                List.of("urn:oid:2.16.840.1.113883.3.7002.1"),
                List.of("STMARYS"));
        assertEquals(ExchangeContracts.ORGANIZATION_REGISTERED.typeName(), types.typeOf(event));
        Approvals.assertApproved(ExchangeContracts.ORGANIZATION_REGISTERED, types.toJson(event));
        assertEquals(
                event,
                types.fromJson(
                        ExchangeContracts.ORGANIZATION_REGISTERED.typeName(),
                        Approvals.approved(ExchangeContracts.ORGANIZATION_REGISTERED)));
    }

    @Test
    void viewChangedV1() {
        EventTypes<FeedEvent> types = FeedPublisher.feedEventTypes();
        ObjectNode resource = (ObjectNode)
                ContractJson.tree(
                        "{\"resourceType\":\"Observation\",\"id\":\"9d0c2e7a-1001-4d0a-9a52-5d0c2e7a1002\",\"status\":\"final\"}");
        var event = new FeedEvent.ViewChanged(PERSON, "st-marys-hospital", 7, "added", resource);
        assertEquals(ExchangeContracts.VIEW_CHANGED.typeName(), types.typeOf(event));
        Approvals.assertApproved(ExchangeContracts.VIEW_CHANGED, types.toJson(event));
        assertEquals(
                event,
                types.fromJson(
                        ExchangeContracts.VIEW_CHANGED.typeName(), Approvals.approved(ExchangeContracts.VIEW_CHANGED)));
    }

    @Test
    void treatmentAttestedV1() {
        assertAccessEventApproved(
                ExchangeContracts.TREATMENT_ATTESTED,
                new AccessEvent.TreatmentAttested(
                        UUID.fromString("6a0f3d52-1c1e-4a55-8f8e-3b9d0c7e2001"),
                        PERSON,
                        "northside-pediatrics",
                        "dr.novak",
                        "TREAT",
                        "referred for asthma follow-up",
                        "ServiceRequest/7781",
                        null,
                        "2026-11-30T06:00:00Z",
                        "2027-02-28T06:00:00Z"));
    }

    @Test
    void emergencyAccessGrantedV1() {
        assertAccessEventApproved(
                ExchangeContracts.EMERGENCY_ACCESS_GRANTED,
                new AccessEvent.EmergencyAccessGranted(
                        UUID.fromString("6a0f3d52-1c1e-4a55-8f8e-3b9d0c7e2002"),
                        PERSON,
                        "northside-pediatrics",
                        "dr.novak",
                        "ETREAT",
                        "unconscious in the emergency department",
                        "2026-11-30T06:00:00Z",
                        "2026-11-30T10:00:00Z"));
    }

    @Test
    void careRelationshipEndedV1() {
        assertAccessEventApproved(
                ExchangeContracts.CARE_RELATIONSHIP_ENDED,
                new AccessEvent.CareRelationshipEnded(
                        PERSON,
                        "northside-pediatrics",
                        UUID.fromString("6a0f3d52-1c1e-4a55-8f8e-3b9d0c7e2002"),
                        "expired",
                        "exchange-service",
                        "2026-11-30T10:00:00Z"));
    }

    @Test
    void consentRecordedV1() {
        assertAccessEventApproved(
                ExchangeContracts.CONSENT_RECORDED,
                new AccessEvent.ConsentRecorded(
                        UUID.fromString("6a0f3d52-1c1e-4a55-8f8e-3b9d0c7e2003"),
                        PERSON,
                        "patient",
                        "alice",
                        false,
                        List.of("northside-pediatrics"),
                        List.of("PSY"),
                        List.of("riverside-clinic"),
                        "2026-11-30T06:00:00Z"));
    }

    @Test
    void directoryResourceRecordedV1() {
        assertDirectoryEventApproved(
                ExchangeContracts.DIRECTORY_RESOURCE_RECORDED, DirectoryEvent.DirectoryResourceRecorded::new);
    }

    @Test
    void directoryResourceAmendedV1() {
        assertDirectoryEventApproved(
                ExchangeContracts.DIRECTORY_RESOURCE_AMENDED, DirectoryEvent.DirectoryResourceAmended::new);
    }

    /** The approved example's resource, written by the production codec, must come out as approved. */
    private static void assertDirectoryEventApproved(
            Contract<?> contract, TriFunction<String, String, ResourceJson, DirectoryEvent> event) {
        EventTypes<DirectoryEvent> types = DirectoryEventTypes.create();
        var approved = ContractJson.tree(Approvals.approved(contract));
        DirectoryEvent sample = event.apply(
                approved.path("resourceType").asText(),
                approved.path("resourceId").asText(),
                new ResourceJson(approved.path("resource").toString()));
        assertEquals(contract.typeName(), types.typeOf(sample));
        Approvals.assertApproved(contract, types.toJson(sample));
        assertEquals(sample, types.fromJson(contract.typeName(), Approvals.approved(contract)));
    }

    private interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    private static void assertAccessEventApproved(Contract<?> contract, AccessEvent event) {
        EventTypes<AccessEvent> types = AccessRules.eventTypes();
        assertEquals(contract.typeName(), types.typeOf(event));
        Approvals.assertApproved(contract, types.toJson(event));
        assertEquals(event, types.fromJson(contract.typeName(), Approvals.approved(contract)));
    }

    @Test
    void everyPublishedTypeHasAnApproval() {
        Set<String> registered =
                new HashSet<>(OrganizationDirectory.eventTypes().registeredTypes());
        registered.addAll(FeedPublisher.feedEventTypes().registeredTypes());
        registered.addAll(AccessRules.eventTypes().registeredTypes());
        registered.addAll(DirectoryEventTypes.create().registeredTypes());
        Approvals.assertCovers(
                "exchange",
                registered,
                List.of(
                        ExchangeContracts.ORGANIZATION_REGISTERED.typeName(),
                        ExchangeContracts.VIEW_CHANGED.typeName(),
                        ExchangeContracts.TREATMENT_ATTESTED.typeName(),
                        ExchangeContracts.EMERGENCY_ACCESS_GRANTED.typeName(),
                        ExchangeContracts.CARE_RELATIONSHIP_ENDED.typeName(),
                        ExchangeContracts.CONSENT_RECORDED.typeName(),
                        ExchangeContracts.DIRECTORY_RESOURCE_RECORDED.typeName(),
                        ExchangeContracts.DIRECTORY_RESOURCE_AMENDED.typeName()));
    }
}
