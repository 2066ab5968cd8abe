package io.chartstream.exchange.read.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.DisclosureRules;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.fhirapi.web.RetryLater;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads of a person's record from the caller's organization view: read-your-writes first (when
 * asked), then the care-relationship check, then the view, then the disclosure audit (with the
 * purpose of use: ETREAT when only break-the-glass lets the caller in). A refused
 * or failed read is not disclosed; a refused read of a known person is audited as AccessRefused.
 */
@ApplicationScoped
public class RecordReads {

    private static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(2);
    /** Rows read at a time when a filter decides which of them match. */
    private static final int SCAN_BATCH = 200;

    private final OrgViews views;
    private final Disclosures disclosures;
    private final FhirContext fhir;
    private final Semaphore waiters;
    private final int maxWaiters;

    public RecordReads(
            OrgViews views,
            Disclosures disclosures,
            FhirContext fhir,
            @ConfigProperty(name = "chartstream.read-your-writes.max-waiters", defaultValue = "64") int maxWaiters) {
        this.views = views;
        this.disclosures = disclosures;
        this.fhir = fhir;
        this.maxWaiters = maxWaiters;
        this.waiters = new Semaphore(maxWaiters);
    }

    /** Reads waiting for the views to catch up right now (at most the configured maximum). */
    public int waiting() {
        return maxWaiters - waiters.availablePermits();
    }

    /**
     * A page of a search or {@code $everything}: at most {@code count} resources after the
     * resource {@code cursor} ("Type/id", null: from the start).
     */
    public record Page(int count, String cursor) {

        public static final int DEFAULT_COUNT = 100;
        public static final int MAX_COUNT = 500;
        private static final Pattern CURSOR = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");

        /** {@code _count} (default 100, at most 500: more is served as 500) and {@code _cursor}; 400 when malformed. */
        public static Page of(String count, String cursor) {
            int n = DEFAULT_COUNT;
            if (count != null && !count.isBlank()) {
                try {
                    n = Integer.parseInt(count.strip());
                } catch (NumberFormatException e) {
                    throw FhirProblem.invalid("_count is a whole number from 1 to " + MAX_COUNT + ": " + count);
                }
                if (n < 1) {
                    throw FhirProblem.invalid("_count is a whole number from 1 to " + MAX_COUNT + ": " + count);
                }
            }
            if (cursor != null && !CURSOR.matcher(cursor).matches()) {
                throw FhirProblem.invalid("_cursor is the Type/id a next link gave: " + cursor);
            }
            return new Page(Math.min(n, MAX_COUNT), cursor);
        }
    }

    /**
     * A page of the person's record (every type, or those {@code criteria} name) that matches the
     * criteria, as a searchset Bundle with a {@code self} link and, when more follow, a {@code
     * next} link ({@code pageUrl} makes a link from a page). {@code total} is given when the view
     * can count it: always without filters, and with filters when the first page holds every
     * match. Each page served is a disclosure of its own.
     */
    public String read(
            ActingParty caller,
            SearchCriteria criteria,
            String after,
            String what,
            String fhirBase,
            Page page,
            Function<Page, String> pageUrl,
            Function<Bundle, String> encode)
            throws SQLException, InterruptedException {
        awaitAfter(after);
        UUID personId = criteria.person();
        String purpose =
                DisclosureRules.purposeOfUse(requireCare(caller, personId, "Patient", personId.toString(), what));
        List<Match> matches = scan(caller.organization(), criteria, page);
        boolean more = matches.size() > page.count();
        if (more) {
            matches = matches.subList(0, page.count());
        }
        List<String> disclosed = new ArrayList<>(matches.size());
        for (Match m : matches) {
            disclosed.add(m.row().key());
        }
        // committed while the answer is prepared; it leaves only once the disclosure is recorded
        Disclosures.Pending disclosure = disclosures.disclose(personId, caller, what, purpose, disclosed);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        // a first page that holds everything is its own total: count only when there are pages
        if (page.cursor() == null && !more) {
            bundle.setTotal(matches.size());
        } else if (!criteria.filtered()) {
            bundle.setTotal(views.countResources(caller.organization(), personId, criteria.types()));
        }
        bundle.addLink().setRelation("self").setUrl(pageUrl.apply(page));
        if (more) {
            bundle.addLink()
                    .setRelation("next")
                    .setUrl(pageUrl.apply(new Page(
                            page.count(), matches.get(matches.size() - 1).row().key())));
        }
        for (Match m : matches) {
            bundle.addEntry()
                    .setFullUrl(fhirBase + "/" + m.row().resourceType() + "/"
                            + m.resource().getIdElement().getIdPart())
                    .setResource(m.resource())
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        String answer = encode.apply(bundle);
        disclosure.awaitRecorded();
        return answer;
    }

    private record Match(OrgViews.ViewResource row, Resource resource) {}

    /**
     * Up to {@code count + 1} matches after the page's cursor, in the view's keyset order: rows are
     * read in batches and tested until the page is full or the view has no more, so a page is full
     * unless it is the last, and the next page starts after the last resource served whatever is
     * written meanwhile.
     */
    private List<Match> scan(String organization, SearchCriteria criteria, Page page) throws SQLException {
        int batch = criteria.filtered() ? Math.max(SCAN_BATCH, page.count() + 1) : page.count() + 1;
        IParser parser = fhir.newJsonParser();
        List<Match> matches = new ArrayList<>();
        String from = page.cursor();
        while (true) {
            List<OrgViews.ViewResource> rows =
                    views.resources(organization, criteria.person(), criteria.types(), from, batch);
            for (OrgViews.ViewResource row : rows) {
                Resource resource = (Resource) parser.parseResource(row.json());
                if (criteria.matches(resource, row.viewUpdatedAt())) {
                    matches.add(new Match(row, resource));
                    if (matches.size() > page.count()) {
                        return matches;
                    }
                }
            }
            if (rows.size() < batch) {
                return matches;
            }
            from = rows.get(rows.size() - 1).key();
        }
    }

    /**
     * One resource by type and id, in the version the caller's view holds. A Patient's id is the
     * person id; an entry's person comes from the record of every person. Unknown, outside the
     * caller's care and withheld all answer the same 404: the answer tells nothing about a record
     * the caller may not see.
     */
    public <T> T readOne(
            ActingParty caller, String resourceType, UUID id, String after, Function<VersionedResource, T> answer)
            throws SQLException, InterruptedException {
        awaitAfter(after);
        String resourceId = id.toString();
        UUID personId = FhirTypes.PATIENT.equals(resourceType)
                ? id
                : views.personOf(resourceType, resourceId).orElseThrow(() -> notFound(resourceType, resourceId));
        // the refusal names what was asked for, never the person an entry belongs to
        String purpose = DisclosureRules.purposeOfUse(
                requireCare(caller, personId, resourceType, resourceId, resourceType + "/read"));
        VersionedResource resource = views.resource(caller.organization(), resourceType, resourceId)
                .orElseThrow(() -> notFound(resourceType, resourceId));
        Disclosures.Pending disclosure = disclosures.disclose(
                personId, caller, resourceType + "/read", purpose, List.of(resourceType + "/" + resourceId));
        T prepared = answer.apply(resource);
        disclosure.awaitRecorded();
        return prepared;
    }

    /**
     * The bases of the caller's organization's active care relationships with the person (the
     * purpose of use follows from them); a 404 like an unknown id, and the refusal audited, when
     * there is none.
     */
    public Set<Basis> requireCare(ActingParty caller, UUID personId, String askedType, String askedId, String what)
            throws SQLException {
        Set<Basis> bases = views.activeBases(personId, caller.organization());
        if (bases.isEmpty()) {
            if (views.knows(personId)) {
                disclosures.refused(personId, caller, what); // audited; the answer stays an unknown id's
            }
            throw notInView(askedType, askedId);
        }
        return bases;
    }

    private static FhirProblem notFound(String resourceType, String id) {
        return notInView(resourceType, id);
    }

    /** One answer for unknown, not in care and withheld. */
    public static FhirProblem notInView(String resourceType, String id) {
        return FhirProblem.notFound(resourceType + "/" + id + " is not in your organization's view: unknown, or"
                + " you have no active care relationship with the person, or the person's consent withholds it."
                + " A clinician treating the person can attest the relationship (POST Patient/<id>/$attest-treatment)"
                + " or, in an emergency, break the glass (POST Patient/<id>/$break-the-glass)");
    }

    /**
     * Waits until the views applied the position {@code after} (none: no wait); 503 when they lag
     * too long, and at once when {@code chartstream.read-your-writes.max-waiters} reads already
     * wait (each holds a worker thread: a lagging view must not take every thread of the gateway).
     * Callers reach it only with a valid token and role.
     */
    public void awaitAfter(String after) throws SQLException, InterruptedException {
        if (after == null) {
            return;
        }
        ViewConsistency.Position position;
        try {
            position = ViewConsistency.Position.parse(after.strip());
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("X-ChartStream-After: " + e.getMessage());
        }
        if (!waiters.tryAcquire()) {
            throw new RetryLater(
                    "too many reads are waiting for the views to catch up (" + maxWaiters + "); try again", 1, null);
        }
        try {
            if (!views.awaitApplied(position, READ_YOUR_WRITES_WAIT)) {
                throw new RetryLater("the view has not caught up with " + position + " yet", 1, null);
            }
        } finally {
            waiters.release();
        }
    }
}
