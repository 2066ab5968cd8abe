package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.CareRelationshipEndedV1;
import io.chartstream.contracts.exchange.ConsentRecordedV1;
import io.chartstream.contracts.exchange.EmergencyAccessGrantedV1;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.contracts.exchange.OrganizationRegisteredV1;
import io.chartstream.contracts.exchange.TreatmentAttestedV1;
import io.chartstream.contracts.portal.PortalContracts;
import io.chartstream.contracts.portal.RecordViewedV1;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.DisclosureEntries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which events are audited, and as what: relationship starts (attestation, break-the-glass) and
 * ends, consent changes and organization registrations, and the patient's own views in the portal
 * (RecordViewed). Other types are not audit records. Disclosures and refusals are no events: the
 * gateway writes them into the trail itself before it answers (DisclosureLog).
 */
final class AuditMapping {

    static final String TYPE_REST = DisclosureEntries.TYPE;
    static final String TYPE_ACCESS = "access";
    static final String TYPE_CONSENT = "consent";
    static final String TYPE_ADMIN = "admin";
    /** v3 ActReason: the patient looked at their own record. */
    static final String PATIENT_REQUEST = "PATRQT";

    private AuditMapping() {}

    static Optional<AuditEntry> entryOf(String source, RecordedEvent e) {
        String type = e.type();
        if (type.equals(ExchangeContracts.TREATMENT_ATTESTED.typeName())) {
            TreatmentAttestedV1 t = ContractJson.read(ExchangeContracts.TREATMENT_ATTESTED, e.data());
            return Optional.of(entry(
                    e,
                    source,
                    at(t.startedAt(), e),
                    TYPE_ACCESS,
                    "attest-treatment",
                    "C",
                    AuditEntry.SUCCESS,
                    t.actor(),
                    t.organization(),
                    t.purposeOfUse(),
                    t.personId(),
                    List.of("Patient/" + t.personId(), "relationship/" + t.relationshipId()),
                    t.reason() + " (until " + t.endsAt() + ")"));
        }
        if (type.equals(ExchangeContracts.EMERGENCY_ACCESS_GRANTED.typeName())) {
            EmergencyAccessGrantedV1 g = ContractJson.read(ExchangeContracts.EMERGENCY_ACCESS_GRANTED, e.data());
            return Optional.of(entry(
                    e,
                    source,
                    at(g.startedAt(), e),
                    TYPE_ACCESS,
                    "break-the-glass",
                    "E",
                    AuditEntry.SUCCESS,
                    g.actor(),
                    g.organization(),
                    g.purposeOfUse(),
                    g.personId(),
                    List.of("Patient/" + g.personId(), "relationship/" + g.relationshipId()),
                    g.reason() + " (until " + g.endsAt() + ")"));
        }
        if (type.equals(ExchangeContracts.CARE_RELATIONSHIP_ENDED.typeName())) {
            CareRelationshipEndedV1 x = ContractJson.read(ExchangeContracts.CARE_RELATIONSHIP_ENDED, e.data());
            List<String> entities = new ArrayList<>(List.of("Patient/" + x.personId()));
            if (x.relationshipId() != null) {
                entities.add("relationship/" + x.relationshipId());
            }
            return Optional.of(entry(
                    e,
                    source,
                    at(x.endedAt(), e),
                    TYPE_ACCESS,
                    "relationship-ended",
                    "D",
                    AuditEntry.SUCCESS,
                    x.actor(),
                    x.organization(),
                    null,
                    x.personId(),
                    entities,
                    x.reason()));
        }
        if (type.equals(ExchangeContracts.CONSENT_RECORDED.typeName())) {
            ConsentRecordedV1 c = ContractJson.read(ExchangeContracts.CONSENT_RECORDED, e.data());
            String organization = "patient".equals(c.recordedBy()) ? null : c.recordedBy();
            return Optional.of(entry(
                    e,
                    source,
                    at(c.recordedAt(), e),
                    TYPE_CONSENT,
                    "consent-recorded",
                    "U",
                    AuditEntry.SUCCESS,
                    c.actor(),
                    organization,
                    null,
                    c.personId(),
                    List.of("Patient/" + c.personId(), "Consent/" + c.consentId()),
                    "recorded by " + c.recordedBy() + "; opt out " + c.optOut() + "; blocked "
                            + c.blockedOrganizations() + "; withheld " + c.withheldCategories()
                            + "; Part 2 shared with " + c.part2SharedWith()));
        }
        if (type.equals(ExchangeContracts.ORGANIZATION_REGISTERED.typeName())) {
            OrganizationRegisteredV1 o = ContractJson.read(ExchangeContracts.ORGANIZATION_REGISTERED, e.data());
            EventMetadata m = e.metadata();
            return Optional.of(entry(
                    e,
                    source,
                    e.recordedAt(),
                    TYPE_ADMIN,
                    "organization-registered",
                    "C",
                    AuditEntry.SUCCESS,
                    m == null ? null : m.actor(),
                    m == null ? null : m.organization(),
                    null,
                    null,
                    List.of("Organization/" + o.organizationId()),
                    o.name()));
        }
        if (type.equals(PortalContracts.RECORD_VIEWED.typeName())) {
            RecordViewedV1 v = ContractJson.read(PortalContracts.RECORD_VIEWED, e.data());
            return Optional.of(entry(
                    e,
                    source,
                    at(v.at(), e),
                    TYPE_REST,
                    "portal-view",
                    "R",
                    AuditEntry.SUCCESS,
                    v.actor(),
                    null,
                    PATIENT_REQUEST,
                    v.personId(),
                    List.of("Patient/" + v.personId(), "portal/" + v.what()),
                    null));
        }
        return Optional.empty();
    }

    private static Instant at(String iso, RecordedEvent e) {
        try {
            return iso == null ? e.recordedAt() : Instant.parse(iso);
        } catch (RuntimeException ex) {
            return e.recordedAt();
        }
    }

    private static AuditEntry entry(
            RecordedEvent e,
            String source,
            Instant recorded,
            String type,
            String subtype,
            String action,
            String outcome,
            String user,
            String organization,
            String purpose,
            UUID patient,
            List<String> entities,
            String detail) {
        return new AuditEntry(
                e.eventId(),
                recorded,
                type,
                subtype,
                action,
                outcome,
                user,
                organization,
                purpose,
                source,
                patient,
                entities,
                detail);
    }
}
