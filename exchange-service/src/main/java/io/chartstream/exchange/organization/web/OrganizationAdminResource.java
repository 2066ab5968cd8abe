package io.chartstream.exchange.organization.web;

import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.exchange.feed.infrastructure.FeedTopics;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.organization.domain.RegisterOrganization;
import io.chartstream.exchange.organization.domain.RegistrationRejected;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The provider directory for HIE operators: register organizations (with their webhook) and list them. */
@Path("/admin/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationAdminResource {

    public record OrganizationRequest(
            String id,
            String name,
            String webhookUrl,
            String webhookSecret,
            List<String> identifierSystems,
            List<String> facilities) {}

    /** The secret is write-only: the directory says whether a webhook is set, never the secret. */
    public record OrganizationView(
            String id,
            String name,
            String webhookUrl,
            boolean webhook,
            List<String> identifierSystems,
            List<String> facilities,
            long version) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(
                    o.id(),
                    o.name(),
                    o.webhookUrl(),
                    o.webhookUrl() != null,
                    o.identifierSystems(),
                    o.facilities(),
                    o.version());
        }
    }

    private final OrganizationDirectory directory;
    private final FeedTopics feedTopics;
    private final SecurityIdentity identity;

    public OrganizationAdminResource(
            OrganizationDirectory directory, FeedTopics feedTopics, SecurityIdentity identity) {
        this.directory = directory;
        this.feedTopics = feedTopics;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("hie-admin")
    public Response register(OrganizationRequest request) throws SQLException {
        if (request == null) {
            throw new BadRequestException(
                    "a JSON body {id, name, webhookUrl?, webhookSecret?, identifierSystems?, facilities?} is required");
        }
        var registration = directory.register(
                new RegisterOrganization(
                        request.id(),
                        request.name(),
                        blankToNull(request.webhookUrl()),
                        blankToNull(request.webhookSecret()),
                        request.identifierSystems(),
                        request.facilities()),
                identity.getPrincipal().getName());
        OrganizationView view = OrganizationView.of(registration.organization());
        if (registration.created()) {
            feedTopics.ensure(view.id());
        }
        return registration.created()
                ? Response.created(URI.create("/admin/organizations/" + view.id()))
                        .entity(view)
                        .build()
                : Response.ok(view).build();
    }

    @GET
    @RolesAllowed("hie-admin")
    public List<OrganizationView> list() throws SQLException {
        return directory.all().stream().map(OrganizationView::of).toList();
    }

    @ServerExceptionMapper
    public Response rejected(RegistrationRejected e) {
        int status = e.reason() == RegistrationRejected.Reason.ALREADY_REGISTERED ? 409 : 400;
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response raced(StreamConflictException e) {
        return Response.status(409)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "the organization was registered concurrently; read it and retry"))
                .build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
