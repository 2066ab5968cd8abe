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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
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
    private final MergeViews merges;

    public OrgViewsProjection(InboundEvents inbound, ViewChangePublisher feed, FhirContext fhir, AuditAppender audit) {
        this.audit = audit;
        this.merges = new MergeViews(fhir);
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
        List<String> ddl = new ArrayList<>(ViewTables.DDL);
        ddl.add(MergedPersons.DDL);
        return ddl;
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
            case InboundEvent.PersonsMerged m -> merges.merged(c, m);
            case InboundEvent.PersonsUnmerged u -> merges.unmerged(c, u);
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
        // a new entry written while its person is merged belongs to the person its source names (§21)
        UUID owner = stored.isPresent()
                ? ViewTables.ownerOf(c, incoming.resourceType(), incoming.id()).orElse(e.personId())
                : MergeViews.ownerOfNewEntry(c, e.personId(), e.organization());
        ViewTables.putPersonResource(c, owner, incoming, e.organization(), e.labels());
        ViewTables.touch(c, owner, e.organization(), at);
        return reconcile(c, owner, organizationsOfGroup(c, owner), incoming.resourceType(), incoming.id());
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
        if (!groupPolicy(c, MergedPersons.groupOf(c, e.personId())).blocks(e.organization())) {
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
        return reconcile(c, e.personId(), organizationsOfGroup(c, e.personId()), null, null);
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
        return reconcile(c, p.personId(), organizationsOfGroup(c, p.personId()), null, null);
    }

    /**
     * Brings the views of {@code organizations} in line with the disclosure rules, for the whole
     * record or, when {@code type} and {@code id} are given, for that one resource. The record is
     * that of the merged group {@code personId} is part of (decisions §21): every member's entries,
     * under the survivor, seen on the bases an organization has with any member, under the most
     * protective of their consents. A person never merged is a group of one.
     */
    static List<ViewChange> reconcile(Connection c, UUID personId, List<String> organizations, String type, String id)
            throws SQLException {
        if (organizations.isEmpty()) {
            return List.of();
        }
        List<UUID> group = MergedPersons.groupOf(c, personId);
        UUID root = group.get(0);
        List<RecordEntry> record = new ArrayList<>();
        for (UUID member : group) {
            record.addAll(ViewTables.personRecord(c, member, type, id));
        }
        SharingPolicy policy = groupPolicy(c, group);
        List<ViewChange> changes = new ArrayList<>();
        for (String org : organizations) {
            Set<Basis> bases = EnumSet.noneOf(Basis.class);
            Map<String, Long> held = new HashMap<>();
            for (UUID member : group) {
                bases.addAll(ViewTables.activeBases(c, member, org));
                held.putAll(ViewTables.heldVersions(c, org, member, type, id));
            }
            changes.addAll(ViewRules.reconcile(
                    org, root, record, held, entry -> DisclosureRules.visible(org, bases, policy, item(entry))));
        }
        return changes;
    }

    static SharingPolicy groupPolicy(Connection c, List<UUID> group) throws SQLException {
        if (group.size() == 1) {
            return ViewTables.sharingPolicy(c, group.get(0));
        }
        List<SharingPolicy> policies = new ArrayList<>();
        for (UUID member : group) {
            policies.add(ViewTables.sharingPolicy(c, member));
        }
        return SharingPolicy.mostProtective(policies);
    }

    /**
     * Every organization that has or had a relationship with any person of the group: the views a
     * change of the group's record can touch (a view is only ever filled on a relationship, and
     * relationship rows are ended, never deleted).
     */
    static List<String> organizationsOfGroup(Connection c, UUID personId) throws SQLException {
        Set<String> orgs = new TreeSet<>();
        for (UUID member : MergedPersons.groupOf(c, personId)) {
            orgs.addAll(ViewTables.organizationsWithRelationships(c, member));
        }
        return List.copyOf(orgs);
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
