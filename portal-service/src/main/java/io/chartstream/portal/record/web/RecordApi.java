package io.chartstream.portal.record.web;

import io.chartstream.portal.identity.web.NotAPatientException;
import io.chartstream.portal.identity.web.SignedInPatient;
import io.chartstream.portal.record.domain.PatientRecord;
import io.chartstream.portal.record.infrastructure.PatientRecordRepository;
import io.chartstream.portal.record.infrastructure.RecordUnavailableException;
import io.chartstream.portal.views.application.PatientViews;
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
 * The signed-in patient's record as JSON, for a bearer token with role {@code patient}. It
 * takes no parameters on purpose: whose record it is comes from the token's person_id alone.
 */
@Path("/api/record")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RecordApi {

    /** The body of a refusal. */
    public record Problem(String error, String message) {}

    private final SignedInPatient signedIn;
    private final PatientRecordRepository records;
    private final PatientViews views;

    public RecordApi(SignedInPatient signedIn, PatientRecordRepository records, PatientViews views) {
        this.signedIn = signedIn;
        this.records = records;
        this.views = views;
    }

    @GET
    @RolesAllowed("patient")
    public PatientRecord record() {
        UUID person = signedIn.personId();
        try {
            views.viewed(person, signedIn.userName(), "api/record");
        } catch (SQLException e) {
            throw new RecordUnavailableException(e);
        }
        return records.find(person);
    }

    @ServerExceptionMapper
    public Response notAPatient(ForbiddenException e) {
        return forbidden("only a patient may read /api/record, and only their own record");
    }

    @ServerExceptionMapper
    public Response notLinked(NotAPatientException e) {
        return forbidden(e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(RecordUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem("unavailable", "the record cannot be read right now; try again shortly"))
                .build();
    }

    private static Response forbidden(String message) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem("forbidden", message))
                .build();
    }
}
