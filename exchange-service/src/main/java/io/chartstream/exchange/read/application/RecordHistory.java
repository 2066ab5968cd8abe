package io.chartstream.exchange.read.application;

import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.DisclosureRules;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.view.domain.RecordEntry;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * History and vread of one resource from the caller's organization's view. There is a history
 * only while the view holds the resource (its current version is disclosed to the organization);
 * of the earlier versions, each is disclosed by the rules applied to that version's own labels
 * and author, under the consent in force now, so a version withheld today is left out even if the
 * organization once saw it. Unknown, outside the caller's care, withheld and a version not
 * disclosed all answer the same 404. Every answer is audited like a read.
 */
@ApplicationScoped
public class RecordHistory {

    private final RecordReads reads;
    private final OrgViews views;
    private final Disclosures disclosures;

    public RecordHistory(RecordReads reads, OrgViews views, Disclosures disclosures) {
        this.reads = reads;
        this.views = views;
        this.disclosures = disclosures;
    }

    /** Every version the caller may see, newest first. */
    public <T> T history(
            ActingParty caller, String type, UUID id, String after, Function<List<VersionedResource>, T> answer)
            throws SQLException, InterruptedException {
        return disclosed(caller, type, id, after, type + "/_history", versions -> versions, answer);
    }

    /** One version, when the caller may see it. */
    public <T> T vread(
            ActingParty caller, String type, UUID id, long version, String after, Function<VersionedResource, T> answer)
            throws SQLException, InterruptedException {
        Function<List<VersionedResource>, List<VersionedResource>> theVersion = versions -> {
            List<VersionedResource> asked =
                    versions.stream().filter(v -> v.version() == version).toList();
            if (asked.isEmpty()) {
                throw RecordReads.notInView(type, id + "/_history/" + version);
            }
            return asked;
        };
        return disclosed(
                caller, type, id, after, type + "/vread", theVersion, versions -> answer.apply(versions.get(0)));
    }

    private <T> T disclosed(
            ActingParty caller,
            String type,
            UUID id,
            String after,
            String what,
            Function<List<VersionedResource>, List<VersionedResource>> select,
            Function<List<VersionedResource>, T> answer)
            throws SQLException, InterruptedException {
        reads.awaitAfter(after);
        String resourceId = id.toString();
        UUID personId = FhirTypes.PATIENT.equals(type)
                ? id
                : views.personOf(type, resourceId).orElseThrow(() -> RecordReads.notInView(type, resourceId));
        Set<Basis> bases = reads.requireCare(caller, personId, type, resourceId, what);
        VersionedResource current = views.resource(caller.organization(), type, resourceId)
                .orElseThrow(() -> RecordReads.notInView(type, resourceId));
        SharingPolicy policy = views.sharingPolicy(personId);
        List<VersionedResource> visible = new ArrayList<>();
        visible.add(current);
        for (RecordEntry earlier : views.earlierVersions(type, resourceId, current.version())) {
            DisclosureRules.Item item =
                    new DisclosureRules.Item(earlier.resource().isPatient(), earlier.author(), earlier.labels());
            if (DisclosureRules.visible(caller.organization(), bases, policy, item)) {
                visible.add(earlier.resource());
            }
        }
        List<VersionedResource> selected = select.apply(visible);
        List<String> disclosed = new ArrayList<>();
        disclosed.add(type + "/" + resourceId);
        selected.forEach(v -> disclosed.add(type + "/" + resourceId + "/_history/" + v.version()));
        Disclosures.Pending disclosure =
                disclosures.disclose(personId, caller, what, DisclosureRules.purposeOfUse(bases), disclosed);
        T prepared = answer.apply(selected);
        disclosure.awaitRecorded();
        return prepared;
    }

    /** A version id is a whole number from 1; anything else is a 400. */
    public static long versionOf(String vid) {
        try {
            long v = Long.parseLong(vid);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw FhirProblem.invalid("a version id is a whole number from 1: " + vid);
    }
}
