package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.Topics;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.exchange.view.application.ViewChangePublisher;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;
import io.chartstream.exchange.view.domain.ViewRules;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Patient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code org-views}: every organization's view of every person in its care, from the patient
 * and clinical record topics. Each change to a view is appended, in the same transaction, as a
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

    public OrgViewsProjection(InboundEvents inbound, ViewChangePublisher feed, FhirContext fhir) {
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
        return List.of(PATIENT_TOPIC, CLINICAL_TOPIC);
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
        List<ViewChange> changes = switch (read.get()) {
            case InboundEvent.PersonInCare p -> personInCare(c, p);
            case InboundEvent.EntryChanged e -> entryChanged(c, e);
        };
        if (changes.isEmpty()) {
            return;
        }
        ViewTables.applyToViews(c, changes);
        if (isLiveSchema(c)) {
            EventMetadata m = event.event().metadata();
            feed.publish(
                    c,
                    changes,
                    new EventMetadata(m.correlationId(), event.event().eventId().toString(), m.actor(), null));
        }
    }

    private List<ViewChange> entryChanged(Connection c, InboundEvent.EntryChanged e) throws SQLException {
        VersionedResource incoming = e.resource();
        OptionalLong stored = ViewTables.personVersion(c, incoming.resourceType(), incoming.id());
        if (ViewRules.changeOf(stored, incoming.version()).isEmpty()) {
            return List.of();
        }
        ViewTables.putPersonResource(c, e.personId(), incoming);
        return ViewRules.onEntry(e.personId(), ViewTables.organizationsInCare(c, e.personId()), stored, incoming);
    }

    private List<ViewChange> personInCare(Connection c, InboundEvent.PersonInCare e) throws SQLException {
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
        VersionedResource after = new VersionedResource(
                "Patient", personId, merged.version(), fhir.newJsonParser().encodeResourceToString(merged.patient()));
        List<String> orgsBefore = ViewTables.organizationsInCare(c, e.personId());
        List<VersionedResource> record =
                orgsBefore.contains(e.organization()) ? List.of() : ViewTables.personRecord(c, e.personId());
        if (merged.changed()) {
            ViewTables.putPersonResource(c, e.personId(), after);
        }
        ViewTables.addRelationship(c, e.personId(), e.organization());
        return ViewRules.onRelationship(e.personId(), orgsBefore, e.organization(), before, after, record);
    }

    /** False while a rebuild applies events into its shadow schema. */
    private boolean isLiveSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_schema()")) {
            return rs.next() && schema().equals(rs.getString(1));
        }
    }
}
