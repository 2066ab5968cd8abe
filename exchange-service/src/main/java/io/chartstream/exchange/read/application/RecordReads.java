package io.chartstream.exchange.read.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Reads of a person's record from the caller's organization view: read-your-writes first (when
 * asked), then the care-relationship check, then the view, then the disclosure audit. A refused
 * or failed read is not disclosed.
 */
@ApplicationScoped
public class RecordReads {

    private static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(2);

    private final OrgViews views;
    private final Disclosures disclosures;
    private final FhirContext fhir;

    public RecordReads(OrgViews views, Disclosures disclosures, FhirContext fhir) {
        this.views = views;
        this.disclosures = disclosures;
        this.fhir = fhir;
    }

    /** All of the person's record ({@code resourceType} null) or one type, as a searchset Bundle. */
    public Bundle read(
            ActingParty caller, UUID personId, String resourceType, String after, String what, String fhirBase)
            throws SQLException, InterruptedException {
        awaitAfter(after);
        requireCare(caller, personId);
        List<OrgViews.ViewResource> resources = views.resources(caller.organization(), personId, resourceType);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(resources.size());
        IParser parser = fhir.newJsonParser();
        for (OrgViews.ViewResource r : resources) {
            Resource resource = (Resource) parser.parseResource(r.json());
            bundle.addEntry()
                    .setFullUrl(fhirBase + "/" + r.resourceType() + "/"
                            + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        disclosures.record(personId, caller, what);
        return bundle;
    }

    /**
     * One resource by type and id, in the version the caller's view holds. A Patient's id is the
     * person id; an entry's person comes from the record of every person, so that an entry of a
     * person outside the caller's care is refused (403) like {@code $everything}, not hidden.
     */
    public VersionedResource readOne(ActingParty caller, String resourceType, UUID id, String after)
            throws SQLException, InterruptedException {
        awaitAfter(after);
        String resourceId = id.toString();
        UUID personId = FhirTypes.PATIENT.equals(resourceType)
                ? id
                : views.personOf(resourceType, resourceId).orElseThrow(() -> notFound(resourceType, resourceId));
        requireCare(caller, personId);
        VersionedResource resource = views.resource(caller.organization(), resourceType, resourceId)
                .orElseThrow(() -> notFound(resourceType, resourceId));
        disclosures.record(personId, caller, resourceType + "/read");
        return resource;
    }

    private void requireCare(ActingParty caller, UUID personId) throws SQLException {
        if (!views.inCare(personId, caller.organization())) {
            throw FhirProblem.forbidden(
                    "organization " + caller.organization() + " has no care relationship with this person");
        }
    }

    private static FhirProblem notFound(String resourceType, String id) {
        return FhirProblem.notFound(resourceType + "/" + id + " is not in your organization's view");
    }

    private void awaitAfter(String after) throws SQLException, InterruptedException {
        if (after == null) {
            return;
        }
        ViewConsistency.Position position;
        try {
            position = ViewConsistency.Position.parse(after.strip());
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("X-ChartStream-After: " + e.getMessage());
        }
        if (!views.awaitApplied(position, READ_YOUR_WRITES_WAIT)) {
            throw new RetryLater("the view has not caught up with " + position + " yet", 1, null);
        }
    }
}
