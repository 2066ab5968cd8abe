package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.RemovalReason;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.DisclosureRules;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.view.application.ViewChangePublisher;
import io.chartstream.exchange.view.domain.ChangeKind;
import io.chartstream.exchange.view.domain.RecordEntry;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;
import io.chartstream.exchange.view.domain.ViewRules;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * {@code org-views}: every organization's view of every person in its care, from the patient,
 * clinical and exchange record topics: the record filtered by the disclosure rules (care
 * relationships, consent, security labels). Each change to a view is appended, in the same transaction, as a
 * ViewChanged event routed to the organization's feed topic. A rebuild re-materializes the
 * views in a shadow schema without publishing again: those changes are already in the feeds.
 */
@ApplicationScoped
public class OrgViewsProjection implements Projection {

    public static final String NAME = "org-views";
    public static final String PATIENT_TOPIC = Topics.PATIENT_EVENTS;
    public static final String CLINICAL_TOPIC = Topics.CLINICAL_EVENTS;

    private final InboundEvents inbound;
    private final ViewChangePublisher feed;
    private final FhirContext fhir;
    private final AuditAppender audit;

    public OrgViewsProjection(InboundEvents inbound, ViewChangePublisher feed, FhirContext fhir, AuditAppender audit) {
        this.audit = audit;
        this.inbound = inbound;
        this.feed = feed;
        this.fhir = fhir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(PATIENT_TOPIC, CLINICAL_TOPIC, Topics.EXCHANGE_EVENTS);
    }

    @Override
    public List<String> schemaDdl() {
        return ViewTables.DDL;
    }

    @Override
    public void apply(Connection c, SourcedEvent event) throws Exception {
        Optional<InboundEvent> read = inbound.read(event);
        if (read.isEmpty()) {
            return;
        }
        Instant at = event.event().recordedAt();
        List<ViewChange> changes = switch (read.get()) {
            case InboundEvent.PersonInCare p -> personInCare(c, p, at);
            case InboundEvent.PersonRevised p -> personRevised(c, p);
            case InboundEvent.EntryChanged e -> entryChanged(c, e, at);
            case InboundEvent.EntryEnteredInError e -> enteredInError(c, e);
            case InboundEvent.RelationshipStarted r -> relationshipStarted(c, r);
            case InboundEvent.RelationshipEnded e -> relationshipEnded(c, e);
            case InboundEvent.PolicyRecorded p -> policyRecorded(c, p);
        };
        if (changes.isEmpty()) {
            return;
        }
        ViewTables.applyToViews(c, changes);
        if (isLiveSchema(c)) {
            EventMetadata m = event.event().metadata();
            feed.publish(
                    c,
                    changes.stream().map(this::withRemovalStub).toList(),
                    new EventMetadata(m.correlationId(), event.event().eventId().toString(), m.actor(), null));
        }
    }

    private List<ViewChange> entryChanged(Connection c, InboundEvent.EntryChanged e, Instant at) throws SQLException {
        VersionedResource incoming = e.resource();
        OptionalLong stored = ViewTables.personVersion(c, incoming.resourceType(), incoming.id());
        if (ViewRules.changeOf(stored, incoming.version()).isEmpty()) {
            return List.of();
        }
        ViewTables.putPersonResource(c, e.personId(), incoming, e.organization(), e.labels());
        ViewTables.touch(c, e.personId(), e.organization(), at);
        return reconcile(
                c,
                e.personId(),
                ViewTables.organizationsWithRelationships(c, e.personId()),
                incoming.resourceType(),
                incoming.id());
    }

    /**
     * The entry leaves the view of every organization that holds it, whatever their relationships
     * now, and stays in the record of every person only as a marked row (see ViewTables).
     */
    private List<ViewChange> enteredInError(Connection c, InboundEvent.EntryEnteredInError e) throws SQLException {
        VersionedResource incoming = e.resource();
        OptionalLong stored = ViewTables.personVersion(c, incoming.resourceType(), incoming.id());
        if (stored.isPresent() && stored.getAsLong() >= incoming.version()) {
            return List.of(); // redelivered
        }
        ViewTables.markEnteredInError(c, e.personId(), incoming, e.organization(), e.labels());
        return ViewRules.enteredInError(
                ViewTables.organizationsHolding(c, incoming.resourceType(), incoming.id()),
                e.personId(),
                incoming.resourceType(),
                incoming.id(),
                incoming.version());
    }

    private List<ViewChange> personInCare(Connection c, InboundEvent.PersonInCare e, Instant at) throws SQLException {
        String personId = e.personId().toString();
        Optional<VersionedResource> before = ViewTables.personResource(c, "Patient", personId);
        Optional<Patient> current = before.map(r -> fhir.newJsonParser().parseResource(Patient.class, r.json()));
        PersonPatient.Result merged = PersonPatient.merge(
                e.personId(),
                current,
                before.map(VersionedResource::version).orElse(0L),
                e.patient(),
                e.identifierSystem(),
                e.identifierValue());
        if (merged.changed()) {
            VersionedResource after = new VersionedResource(
                    "Patient",
                    personId,
                    merged.version(),
                    fhir.newJsonParser().encodeResourceToString(merged.patient()));
            ViewTables.putPersonResource(c, e.personId(), after, null, Set.of());
        }
        // A blocked organization gains nothing by registering the person again.
        if (!ViewTables.sharingPolicy(c, e.personId()).blocks(e.organization())) {
            ViewTables.startRelationship(
                    c,
                    new ViewTables.Relationship(
                            e.personId(),
                            e.organization(),
                            "identifier:" + e.identifierSystem() + "|" + e.identifierValue(),
                            Basis.IDENTIFIER,
                            e.identifierSystem() + "|" + e.identifierValue(),
                            null,
                            at,
                            null));
            ViewTables.touch(c, e.personId(), e.organization(), at);
            audit.append(
                    c,
                    ChannelEntries.identifierRelationshipStarted(
                            e.personId(), e.organization(), e.identifierSystem() + "|" + e.identifierValue(), at));
        }
        return reconcile(c, e.personId(), ViewTables.organizationsWithRelationships(c, e.personId()), null, null);
    }

    /** The person's demographics revised by their first registrant: the views' Patient follows, identifiers kept. */
    private List<ViewChange> personRevised(Connection c, InboundEvent.PersonRevised e) throws SQLException {
        String personId = e.personId().toString();
        Optional<VersionedResource> before = ViewTables.personResource(c, "Patient", personId);
        if (before.isEmpty()) {
            return List.of(); // a revision before its registration: nothing to revise yet
        }
        PersonPatient.Result revised = PersonPatient.revise(
                e.personId(),
                fhir.newJsonParser().parseResource(Patient.class, before.get().json()),
                before.get().version(),
                e.patient());
        if (!revised.changed()) {
            return List.of();
        }
        ViewTables.putPersonResource(
                c,
                e.personId(),
                new VersionedResource(
                        "Patient",
                        personId,
                        revised.version(),
                        fhir.newJsonParser().encodeResourceToString(revised.patient())),
                null,
                Set.of());
        return reconcile(
                c, e.personId(), ViewTables.organizationsWithRelationships(c, e.personId()), "Patient", personId);
    }

    private List<ViewChange> relationshipStarted(Connection c, InboundEvent.RelationshipStarted r) throws SQLException {
        ViewTables.startRelationship(
                c,
                new ViewTables.Relationship(
                        r.personId(),
                        r.organization(),
                        r.relationshipId().toString(),
                        r.basis(),
                        r.reason(),
                        r.actor(),
                        r.startedAt(),
                        r.endsAt()));
        return reconcile(c, r.personId(), List.of(r.organization()), null, null);
    }

    private List<ViewChange> relationshipEnded(Connection c, InboundEvent.RelationshipEnded e) throws SQLException {
        ViewTables.endRelationships(c, e.personId(), e.organization(), e.relationshipId(), e.reason(), e.endedAt());
        return reconcile(c, e.personId(), List.of(e.organization()), null, null);
    }

    private List<ViewChange> policyRecorded(Connection c, InboundEvent.PolicyRecorded p) throws SQLException {
        ViewTables.putSharingPolicy(c, p.personId(), p.policy());
        return reconcile(c, p.personId(), ViewTables.organizationsWithRelationships(c, p.personId()), null, null);
    }

    /**
     * Brings the views of {@code organizations} in line with the disclosure rules, for the whole
     * record or, when {@code type} and {@code id} are given, for that one resource.
     */
    private static List<ViewChange> reconcile(
            Connection c, UUID personId, List<String> organizations, String type, String id) throws SQLException {
        if (organizations.isEmpty()) {
            return List.of();
        }
        List<RecordEntry> record = ViewTables.personRecord(c, personId, type, id);
        SharingPolicy policy = ViewTables.sharingPolicy(c, personId);
        List<ViewChange> changes = new ArrayList<>();
        for (String org : organizations) {
            Set<Basis> bases = ViewTables.activeBases(c, personId, org);
            changes.addAll(ViewRules.reconcile(
                    org,
                    personId,
                    record,
                    ViewTables.heldVersions(c, org, personId, type, id),
                    entry -> DisclosureRules.visible(org, bases, policy, item(entry))));
        }
        return changes;
    }

    private static DisclosureRules.Item item(RecordEntry entry) {
        return new DisclosureRules.Item(entry.resource().isPatient(), entry.author(), entry.labels());
    }

    /**
     * A removal is published with the resource's type and id only: the organization may no longer
     * see it. An entry entered in error also carries its last version and the tag that says why.
     */
    private ViewChange withRemovalStub(ViewChange change) {
        if (!change.change().leavesView()) {
            return change;
        }
        VersionedResource r = change.resource();
        IBaseResource stub = fhir.getResourceDefinition(r.resourceType()).newInstance();
        stub.setId(r.id());
        if (change.change() == ChangeKind.ENTERED_IN_ERROR) {
            stub.getMeta().setVersionId(Long.toString(r.version()));
            stub.getMeta()
                    .addTag()
                    .setSystem(RemovalReason.SYSTEM)
                    .setCode(RemovalReason.ENTERED_IN_ERROR)
                    .setDisplay("Entered in error");
        }
        return new ViewChange(
                change.organization(),
                change.personId(),
                change.change(),
                new VersionedResource(
                        r.resourceType(),
                        r.id(),
                        r.version(),
                        fhir.newJsonParser().encodeResourceToString(stub)));
    }

    /** False while a rebuild applies events into its shadow schema. */
    private boolean isLiveSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_schema()")) {
            return rs.next() && schema().equals(rs.getString(1));
        }
    }
}
