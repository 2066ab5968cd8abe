package io.chartstream.exchange.hl7feed.web;

import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.hl7feed.domain.Hl7Endpoint;
import io.chartstream.exchange.hl7feed.infrastructure.Hl7FeedTable;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An organization's feed as HL7 v2 over MLLP (issue 13 part 5), set by an HIE administrator or
 * by the organization's own administrator ({@code org-admin} whose token names it):
 * {@code PUT {"endpoint": "mllp://host:port"}} (or {@code mllps://} for TLS) starts it, or moves it
 * and goes on where delivery stood; {@code DELETE} stops it. Each change is audited.
 */
@Path("/admin/organizations/{id}/hl7-feed")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Hl7FeedAdminResource {

    public record Hl7FeedRequest(String endpoint) {}

    public record Hl7FeedView(String organization, String endpoint) {}

    private final Hl7FeedTable feeds;
    private final OrganizationDirectory directory;
    private final AuditAppender audit;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Hl7FeedAdminResource(
            Hl7FeedTable feeds,
            OrganizationDirectory directory,
            AuditAppender audit,
            SecurityIdentity identity,
            JsonWebToken token) {
        this.feeds = feeds;
        this.directory = directory;
        this.audit = audit;
        this.identity = identity;
        this.token = token;
    }

    @PUT
    @RolesAllowed({"hie-admin", "org-admin"})
    public Hl7FeedView set(@PathParam("id") String organization, Hl7FeedRequest request) throws SQLException {
        known(organization);
        Hl7Endpoint endpoint = Hl7Endpoint.parse(request == null ? null : request.endpoint());
        audit.append(List.of(ChannelEntries.hl7FeedChanged(
                organization, endpoint.toString(), identity.getPrincipal().getName(), Instant.now())));
        feeds.set(organization, endpoint);
        return new Hl7FeedView(organization, endpoint.toString());
    }

    @GET
    @RolesAllowed({"hie-admin", "org-admin"})
    public Hl7FeedView get(@PathParam("id") String organization) throws SQLException {
        known(organization);
        return feeds.find(organization)
                .map(e -> new Hl7FeedView(organization, e.toString()))
                .orElseThrow(() -> new NotFoundException("organization " + organization + " has no HL7 v2 feed"));
    }

    @DELETE
    @RolesAllowed({"hie-admin", "org-admin"})
    public Response remove(@PathParam("id") String organization) throws SQLException {
        known(organization);
        audit.append(List.of(ChannelEntries.hl7FeedChanged(
                organization, null, identity.getPrincipal().getName(), Instant.now())));
        return feeds.remove(organization)
                ? Response.noContent().build()
                : error(404, "organization " + organization + " has no HL7 v2 feed");
    }

    /** An org-admin acts for its own organization only; an HIE administrator for any. */
    private void known(String organization) throws SQLException {
        if (!identity.hasRole("hie-admin") && !organization.equals(token.getClaim("org_id"))) {
            throw new ForbiddenException("an organization's administrator sets its own organization's feed only");
        }
        if (directory.find(organization).isEmpty()) {
            throw new NotFoundException("no organization " + organization);
        }
    }

    @ServerExceptionMapper
    public Response invalid(Hl7Endpoint.Invalid e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknown(NotFoundException e) {
        return error(404, e.getMessage());
    }

    private static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message))
                .build();
    }
}
