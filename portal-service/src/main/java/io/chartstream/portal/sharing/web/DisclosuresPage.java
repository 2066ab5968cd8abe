package io.chartstream.portal.sharing.web;

import io.chartstream.portal.identity.web.NotAPatientException;
import io.chartstream.portal.identity.web.SignedInPatient;
import io.chartstream.portal.sharing.infrastructure.ExchangeDisclosures;
import io.chartstream.portal.sharing.infrastructure.SharingUnavailableException;
import io.chartstream.portal.views.application.PatientViews;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.UUID;

/**
 * "Who saw my record": the accounting of disclosures, from the exchange's audit trail of the
 * signed-in patient's record (organization, person, when, what, why; break-the-glass marked;
 * refused attempts too). Read with the patient's own token: the exchange answers their record's
 * trail and nobody else's.
 */
@Path("/disclosures")
@Authenticated
public class DisclosuresPage {

    private final SignedInPatient signedIn;
    private final PatientToken token;
    private final ExchangeDisclosures disclosures;
    private final PatientViews views;

    public DisclosuresPage(
            SignedInPatient signedIn, PatientToken token, ExchangeDisclosures disclosures, PatientViews views) {
        this.signedIn = signedIn;
        this.token = token;
        this.disclosures = disclosures;
        this.views = views;
    }

    @GET
    @RolesAllowed("patient")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        recordView(signedIn.personId());
        return SharingPages.disclosures(disclosures.newest(token.accessToken()), signedIn.userName());
    }

    private void recordView(UUID person) {
        try {
            views.viewed(person, signedIn.userName(), "disclosures");
        } catch (SQLException e) {
            throw new SharingUnavailableException("the view could not be recorded", e);
        }
    }

    @ServerExceptionMapper
    public Response notAPatient(ForbiddenException e) {
        return Problems.page(
                Response.Status.FORBIDDEN,
                "This page is for patients",
                "It shows who saw a patient's own record, and your account is not a patient account.",
                signedIn.userName());
    }

    @ServerExceptionMapper
    public Response notLinked(NotAPatientException e) {
        return Problems.notLinked(signedIn.userName());
    }

    @ServerExceptionMapper
    public Response unavailable(SharingUnavailableException e) {
        return Problems.unavailable(e, signedIn.userName());
    }
}
