package io.chartstream.exchange.view.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * How org-views follows a merge and an unmerge (decisions §21). Nothing of either person's record
 * moves: the group is read as one person (OrgViewsProjection#reconcile), its views keyed by the
 * survivor; each Patient says which id replaced which ({@code Patient.link}), so the feeds and
 * webhooks tell it with the Patients they carry. An unmerge keys each view row by its owner's
 * survivor again and reconciles both groups: every organization sees again what it may see of
 * each person alone.
 */
final class MergeViews {

    private final FhirContext fhir;

    MergeViews(FhirContext fhir) {
        this.fhir = fhir;
    }

    /**
     * Either copy records the merge and re-keys the group's views, whichever comes first; each copy
     * links its own stream's Patient, so a Patient's versions follow its person's events in their
     * partition's order and a rebuild, reading the partitions in another interleaving, gives each
     * Patient the same versions (and the link even when the other copy came before the person's
     * registration).
     */
    List<ViewChange> merged(Connection c, InboundEvent.PersonsMerged m) throws SQLException {
        boolean first = MergedPersons.merged(c, m.mergeId(), m.survivorPersonId(), m.mergedPersonId());
        boolean linked = m.personId().equals(m.mergedPersonId())
                ? link(c, m.mergedPersonId(), m.survivorPersonId(), Patient.LinkType.REPLACEDBY, true)
                : link(c, m.survivorPersonId(), m.mergedPersonId(), Patient.LinkType.REPLACES, true);
        if (!first && !linked) {
            return List.of();
        }
        List<UUID> group = MergedPersons.groupOf(c, m.survivorPersonId());
        if (first) {
            MergedPersons.keyViewsBy(c, group.get(0), group);
        }
        return OrgViewsProjection.reconcile(
                c, group.get(0), OrgViewsProjection.organizationsOfGroup(c, group.get(0)), null, null);
    }

    List<ViewChange> unmerged(Connection c, InboundEvent.PersonsUnmerged u) throws SQLException {
        UUID formerRoot = MergedPersons.survivorOf(c, u.survivorPersonId());
        boolean first = MergedPersons.unmerged(c, u.mergeId(), u.mergedPersonId());
        boolean unlinked = u.personId().equals(u.mergedPersonId())
                ? link(c, u.mergedPersonId(), u.survivorPersonId(), Patient.LinkType.REPLACEDBY, false)
                : link(c, u.survivorPersonId(), u.mergedPersonId(), Patient.LinkType.REPLACES, false);
        if (!first) {
            // the other copy separated the groups already: only this Patient's new version to show
            return unlinked
                    ? OrgViewsProjection.reconcile(
                            c,
                            MergedPersons.survivorOf(c, u.personId()),
                            OrgViewsProjection.organizationsOfGroup(c, u.personId()),
                            null,
                            null)
                    : List.of();
        }
        List<UUID> separated = MergedPersons.group(c, u.mergedPersonId());
        MergedPersons.keyViewsOfOwners(c, formerRoot, u.mergedPersonId(), separated);
        // every organization of either group: one that saw the merged person only through the
        // survivor (or the other way round) must lose what it no longer has a basis for
        Set<String> orgs = new TreeSet<>(OrgViewsProjection.organizationsOfGroup(c, u.mergedPersonId()));
        orgs.addAll(OrgViewsProjection.organizationsOfGroup(c, u.survivorPersonId()));
        List<ViewChange> changes =
                new ArrayList<>(OrgViewsProjection.reconcile(c, u.mergedPersonId(), List.copyOf(orgs), null, null));
        changes.addAll(OrgViewsProjection.reconcile(c, u.survivorPersonId(), List.copyOf(orgs), null, null));
        return changes;
    }

    /**
     * The person a new entry written for {@code personId} belongs to: {@code personId}, unless it
     * is a survivor and the writing organization holds its own identifier for a person merged
     * into it but no relationship with the survivor itself: then the source names that person,
     * and an unmerge gives the entry back to it.
     */
    static UUID ownerOfNewEntry(Connection c, UUID personId, String organization) throws SQLException {
        List<UUID> group = MergedPersons.group(c, personId);
        if (group.size() == 1
                || !ViewTables.activeBases(c, personId, organization).isEmpty()) {
            return personId;
        }
        for (UUID member : group.subList(1, group.size())) {
            if (ViewTables.activeBases(c, member, organization).contains(Basis.IDENTIFIER)) {
                return member;
            }
        }
        return personId;
    }

    /**
     * Adds ({@code add}) or removes the link of {@code personId}'s Patient to {@code other}, as a
     * new version; false when there was nothing to change.
     */
    private boolean link(Connection c, UUID personId, UUID other, Patient.LinkType type, boolean add)
            throws SQLException {
        Optional<VersionedResource> current = ViewTables.personResource(c, "Patient", personId.toString());
        if (current.isEmpty()) {
            return false; // a person no organization registered in this view (its own stream registers first)
        }
        Patient patient =
                fhir.newJsonParser().parseResource(Patient.class, current.get().json());
        String reference = "Patient/" + other;
        boolean has = patient.getLink().stream()
                .anyMatch(l ->
                        l.getType() == type && reference.equals(l.getOther().getReference()));
        if (has == add) {
            return false;
        }
        if (add) {
            patient.addLink().setType(type).setOther(new Reference(reference));
        } else {
            patient.getLink()
                    .removeIf(l ->
                            l.getType() == type && reference.equals(l.getOther().getReference()));
        }
        long version = current.get().version() + 1;
        patient.setId(new IdType("Patient", personId.toString(), Long.toString(version)));
        patient.getMeta().setVersionId(Long.toString(version));
        ViewTables.putPersonResource(
                c,
                personId,
                new VersionedResource(
                        "Patient",
                        personId.toString(),
                        version,
                        fhir.newJsonParser().encodeResourceToString(patient)),
                null,
                Set.of());
        return true;
    }
}
