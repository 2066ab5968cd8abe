package io.chartstream.exchange.gateway.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.gateway.application.CareCheck;
import io.chartstream.exchange.gateway.application.ForwardedWrite;
import io.chartstream.exchange.gateway.application.IdempotentWrites;
import io.chartstream.exchange.gateway.application.RegistrationAnswers;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.BodySizeLimit;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * FHIR writes of organizations and clinicians, forwarded to the service that owns the type. A
 * registration carries the organization's assigning authorities from the directory; an entry
 * needs a care relationship with its person (CareCheck, 403 without).
 * The answer (status, body, ETag, Location, X-ChartStream-Position) is the owner's; only an
 * absolute Location is re-based onto the gateway, so clients never see internal hosts.
 */
@Path("/fhir")
@Authenticated
@Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class GatewayWriteResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IdempotentWrites writes;
    private final CareCheck care;
    private final OrganizationDirectory directory;
    private final JsonWebToken token;
    private final Disclosures disclosures;
    private final FhirContext fhir;
    private final BodySizeLimit sizeLimit;

    public GatewayWriteResource(
            IdempotentWrites writes,
            CareCheck care,
            OrganizationDirectory directory,
            JsonWebToken token,
            Disclosures disclosures,
            FhirContext fhir,
            BodySizeLimit sizeLimit) {
        this.writes = writes;
        this.care = care;
        this.directory = directory;
        this.token = token;
        this.disclosures = disclosures;
        this.fhir = fhir;
        this.sizeLimit = sizeLimit;
    }

    @POST
    @Path("/Patient")
    @RolesAllowed({"clinician", "org-system"})
    public Response createPatient(
            String body,
            @HeaderParam("If-None-Exist") String ifNoneExist,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        Response answer = send(
                new ForwardedWrite(
                        "POST", "Patient", null, requireBody(body), null, ifNoneExist, caller, systemsOf(caller), null),
                key,
                uri);
        auditRegistrationAnswer(answer, caller, ifNoneExist != null ? "Patient?conditional-create" : "Patient/create");
        return answer;
    }

    /**
     * The caller's organization revises its own registration of person {@code id} (its identifier
     * in the Patient names which): a write about the person, so it needs an active care relationship
     * (403 otherwise, as any write); patient-service refuses a registration the organization does
     * not hold (403) and answers the Patient as sent, like a registration.
     */
    @PUT
    @Path("/Patient/{id}")
    @RolesAllowed({"clinician", "org-system"})
    public Response updatePatient(
            @PathParam("id") String id, String body, @HeaderParam(IDEMPOTENCY_KEY) String key, @Context UriInfo uri)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        UUID person = personId(id);
        care.requireForPerson(caller, person, "Patient/write");
        Response answer = send(
                new ForwardedWrite(
                        "PUT", "Patient", id, requireBody(body), null, null, caller, systemsOf(caller), null),
                key,
                uri);
        auditRegistrationAnswer(answer, caller, "Patient/update");
        return answer;
    }

    private static UUID personId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.notFound("Patient/" + id + " is not known");
        }
    }

    private String systemsOf(ActingParty caller) throws SQLException {
        return directory
                .find(caller.organization())
                .map(o -> String.join(",", o.identifierSystems()))
                .orElse("");
    }

    /**
     * The registration answer discloses the person's enterprise id (and, for a conditional create,
     * that a match exists): audited like a read before it leaves; if it cannot be audited, it
     * does not leave (the write itself stands, a retry with the same Idempotency-Key replays it).
     */
    private void auditRegistrationAnswer(Response answer, ActingParty caller, String interaction) {
        if (answer.getStatus() != 200 && answer.getStatus() != 201) {
            return;
        }
        Optional<UUID> person =
                RegistrationAnswers.personOf(answer.getHeaderString("Location"), (String) answer.getEntity(), fhir);
        if (person.isPresent()) {
            disclosures.record(person.get(), caller, interaction, "TREAT", List.of("Patient/" + person.get()));
        }
    }

    @POST
    @Path("/{type: " + FhirTypes.ENTRY_PATTERN + "}")
    @RolesAllowed({"clinician", "org-system"})
    public Response createEntry(
            @PathParam("type") String type,
            String body,
            @HeaderParam("If-None-Exist") String ifNoneExist,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        care.requireForWrite(caller, type, null, requireBody(body));
        return send(new ForwardedWrite("POST", type, null, body, null, ifNoneExist, caller, null, null), key, uri);
    }

    @PUT
    @Path("/{type: " + FhirTypes.ENTRY_PATTERN + "}/{id}")
    @RolesAllowed({"clinician", "org-system"})
    public Response updateEntry(
            @PathParam("type") String type,
            @PathParam("id") String id,
            String body,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        care.requireForWrite(caller, type, id, requireBody(body));
        return send(new ForwardedWrite("PUT", type, id, body, ifMatch, null, caller, null, null), key, uri);
    }

    /**
     * Withdraws an entry as entered in error (clinical-service; only the recording organization
     * may). The care check is the entry's person's, from the views; If-Match is passed through.
     */
    @DELETE
    @Path("/{type: " + FhirTypes.ENTRY_PATTERN + "}/{id}")
    @RolesAllowed({"clinician", "org-system"})
    public Response deleteEntry(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        care.requireForWrite(caller, type, id, null);
        return send(new ForwardedWrite("DELETE", type, id, null, ifMatch, null, caller, null, null), key, uri);
    }

    private Response send(ForwardedWrite write, String key, UriInfo uri) throws SQLException, InterruptedException {
        IdempotentWrites.Outcome outcome = writes.forward(write, key);
        StoredResponse r = outcome.response();
        Response.ResponseBuilder b = Response.status(r.status()).entity(r.body());
        if (r.contentType() != null) {
            b.type(r.contentType());
        }
        if (r.etag() != null) {
            b.header("ETag", r.etag());
        }
        if (r.location() != null) {
            b.header("Location", onGateway(r.location(), uri));
        }
        if (r.position() != null) {
            b.header(OwnerForwarder.POSITION, r.position());
        }
        if (outcome.replayed()) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.build();
    }

    private String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("a FHIR JSON resource is required in the body");
        }
        return sizeLimit.requireWithin(body);
    }

    /** {@code http://patient-service:8081/fhir/Patient/1} becomes {@code <gateway base>/fhir/Patient/1}. */
    static String onGateway(String location, UriInfo uri) {
        int fhir = location.indexOf("/fhir/");
        if (!location.startsWith("http") || fhir < 0) {
            return location;
        }
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + location.substring(fhir);
    }
}
