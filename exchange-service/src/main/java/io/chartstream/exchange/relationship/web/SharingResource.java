package io.chartstream.exchange.relationship.web;

import io.chartstream.exchange.access.application.AccessRules;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.read.application.RecordReads;
import io.chartstream.exchange.read.web.GatewayReadResource;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who can see a person's record and on what basis, and the sharing choices in force: what the
 * portal's sharing page shows. The patient reads their own (their token's {@code person_id}); an
 * auditor or the HIE's administrator may read anyone's. Plain JSON, not FHIR: it is one page's
 * summary of relationships (with their ends) and the Consent, which FHIR has no single resource for.
 * A person of a merged group sees the group's: every member's relationships, and the most
 * protective of their consents, which is what the views apply (decisions §21, §27).
 */
@Path("/sharing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SharingResource {

    /** An organization of the directory, for naming and for the portal's consent form. */
    public record OrganizationName(String id, String name) {}

    /** One relationship: {@code basis} identifier, treatment-attestation or emergency-access. */
    public record RelationshipView(
            String organization,
            String organizationName,
            String basis,
            String detail,
            String actor,
            Instant since,
            Instant until,
            Instant endedAt,
            String endReason,
            boolean active) {}

    /** The sharing choices in force (the defaults while the person never recorded a Consent). */
    public record ChoicesView(
            boolean optOut,
            List<String> blockedOrganizations,
            List<String> withheldCategories,
            List<String> part2SharedWith) {}

    /**
     * {@code group}: the persons whose relationships and choices these are, the survivor first;
     * more than the person itself when it is part of a merged group (decisions §27).
     */
    public record SharingView(
            UUID personId,
            ChoicesView choices,
            List<RelationshipView> relationships,
            List<OrganizationName> organizations,
            List<UUID> group) {}

    private final OrgViews views;
    private final RecordReads reads;
    private final AccessRules rules;
    private final OrganizationDirectory directory;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public SharingResource(
            OrgViews views,
            RecordReads reads,
            AccessRules rules,
            OrganizationDirectory directory,
            JsonWebToken token,
            SecurityIdentity identity) {
        this.views = views;
        this.reads = reads;
        this.rules = rules;
        this.directory = directory;
        this.token = token;
        this.identity = identity;
    }

    @GET
    @Path("/{personId}")
    @RolesAllowed({"patient", "auditor", "hie-admin"})
    public SharingView of(@PathParam("personId") String personId, @HeaderParam(GatewayReadResource.AFTER) String after)
            throws SQLException, InterruptedException {
        UUID person = parse(personId);
        if (!identity.hasRole("auditor")
                && !identity.hasRole("hie-admin")
                && !person.toString().equals(token.getClaim("person_id"))) {
            throw FhirProblem.forbidden("a patient sees the sharing of their own record only");
        }
        reads.awaitAfter(after);
        Map<String, String> names =
                directory.all().stream().collect(Collectors.toMap(Organization::id, Organization::name, (a, b) -> a));
        List<RelationshipView> relationships = views.relationshipsOf(person).stream()
                .map(r -> new RelationshipView(
                        r.organization(),
                        names.getOrDefault(r.organization(), r.organization()),
                        r.basis().wireName(),
                        r.detail(),
                        r.actor(),
                        r.startedAt(),
                        r.endsAt(),
                        r.endedAt(),
                        r.endReason(),
                        r.active()))
                .toList();
        // a merged group is one person to the views, under the most protective of its consents
        List<UUID> group = views.groupOf(person);
        List<SharingPolicy> policies = new ArrayList<>();
        for (UUID member : group) {
            policies.add(rules.current(member).policy());
        }
        SharingPolicy policy = SharingPolicy.mostProtective(policies);
        ChoicesView choices = new ChoicesView(
                policy.optOut(),
                sorted(policy.blockedOrganizations()),
                sorted(policy.withheldCategories()),
                sorted(policy.part2SharedWith()));
        List<OrganizationName> organizations = names.entrySet().stream()
                .map(e -> new OrganizationName(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
        return new SharingView(person, choices, relationships, organizations, group);
    }

    private static List<String> sorted(Collection<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private static UUID parse(String personId) {
        try {
            return UUID.fromString(personId);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("the person id must be a UUID: " + personId);
        }
    }
}
