package io.chartstream.portal.record.web;

import io.chartstream.portal.identity.web.SignedInPatient;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The front door: what the portal is and a way to sign in. */
@Path("/")
@PermitAll
public class LandingPage {

    private final SignedInPatient signedIn;

    public LandingPage(SignedInPatient signedIn) {
        this.signedIn = signedIn;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance landing() {
        return Pages.landing(signedIn.userName());
    }

    /**
     * Reached only without a session: with one, the OIDC code flow answers {@code /logout}
     * itself (quarkus.oidc.logout.path) and ends the Keycloak session too.
     */
    @GET
    @Path("logout")
    public Response loggedOut() {
        return Response.seeOther(URI.create("/")).build();
    }
}
