package io.chartstream.portal.record.web;

import io.chartstream.portal.identity.web.NotAPatientException;
import io.chartstream.portal.identity.web.SignedInPatient;
import io.chartstream.portal.record.infrastructure.PatientRecordRepository;
import io.chartstream.portal.record.infrastructure.RecordUnavailableException;
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
 * The signed-in patient's record as a page. A browser without a session is sent to Keycloak
 * (authorization code flow with PKCE) and comes back here; a signed-in user who is not a
 * patient, or whose account names no person, gets a 403 page that says why.
 */
@Path("/record")
@Authenticated
public class RecordPage {

    private final SignedInPatient signedIn;
    private final PatientRecordRepository records;
    private final PatientViews views;

    public RecordPage(SignedInPatient signedIn, PatientRecordRepository records, PatientViews views) {
        this.signedIn = signedIn;
        this.records = records;
        this.views = views;
    }

    @GET
    @RolesAllowed("patient")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance record() {
        UUID person = signedIn.personId();
        try {
            views.viewed(person, signedIn.userName(), "record");
        } catch (SQLException e) {
            throw new RecordUnavailableException(e);
        }
        return Pages.record(records.find(person), signedIn.userName());
    }

    @ServerExceptionMapper
    public Response notAPatient(ForbiddenException e) {
        return forbidden("This page shows a patient's own health record, and your account is not a patient account.");
    }

    @ServerExceptionMapper
    public Response notLinked(NotAPatientException e) {
        return forbidden("Your account is not linked to a health record yet. Please contact the exchange's help desk.");
    }

    @ServerExceptionMapper
    public Response unavailable(RecordUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.unavailable(signedIn.userName()).render())
                .build();
    }

    private Response forbidden(String reason) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.forbidden(reason, signedIn.userName()).render())
                .build();
    }
}
