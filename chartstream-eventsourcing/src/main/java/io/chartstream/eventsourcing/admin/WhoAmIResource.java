package io.chartstream.eventsourcing.admin;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Every service: tells a caller how this service sees its token: who, which roles, which organization or
 * person. The first thing an integration engineer checks when a call is refused.
 */
@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public WhoAmIResource(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public record Caller(String username, Set<String> roles, String orgId, String personId) {}

    @GET
    public Caller me() {
        return new Caller(
                identity.getPrincipal().getName(),
                identity.getRoles(),
                token.getClaim("org_id"),
                token.getClaim("person_id"));
    }
}
