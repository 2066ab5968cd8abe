package io.chartstream.exchange.relationship.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.exchange.access.application.AccessRules;
import io.chartstream.exchange.access.domain.AccessEvent;
import io.chartstream.exchange.access.domain.EndReason;
import io.chartstream.exchange.access.domain.PersonAccess;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.exchange.read.application.RecordReads;
import io.chartstream.exchange.relationship.application.CareRelationships;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * How an organization gains and gives up a care relationship with a person at the gateway (FHIR
 * operations on Patient, Parameters in and out): attest a treatment relationship, break the glass
 * in an emergency, end its relationships. Each answers the relationship and its end, and the
 * position to pass as {@code X-ChartStream-After} to read the view it opens.
 */
@Path("/fhir")
@Authenticated
@Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class RelationshipResource {

    private final CareRelationships relationships;
    private final JsonWebToken token;
    private final FhirContext fhir;

    public RelationshipResource(CareRelationships relationships, JsonWebToken token, FhirContext fhir) {
        this.relationships = relationships;
        this.token = token;
        this.fhir = fhir;
    }

    /** Parameters: {@code reason} (required), {@code referral}, {@code encounter} (strings or references). */
    @POST
    @Path("/Patient/{id}/$attest-treatment")
    @RolesAllowed({"clinician", "org-system"})
    public Response attest(
            @PathParam("id") String id, String body, @HeaderParam(ActingParty.CORRELATION_HEADER) String correlation)
            throws SQLException {
        ActingParty caller = ActingParty.fromToken(token, correlation);
        UUID person = knownPerson(id);
        Parameters in = parameters(body);
        return answer(
                relationships.attest(caller, person, text(in, "reason"), text(in, "referral"), text(in, "encounter")));
    }

    /** Parameters: {@code reason} (required). A clinician only: a person breaks the glass, not a system. */
    @POST
    @Path("/Patient/{id}/$break-the-glass")
    @RolesAllowed("clinician")
    public Response breakGlass(
            @PathParam("id") String id, String body, @HeaderParam(ActingParty.CORRELATION_HEADER) String correlation)
            throws SQLException {
        ActingParty caller = ActingParty.fromToken(token, correlation);
        UUID person = knownPerson(id);
        return answer(relationships.breakGlass(caller, person, text(parameters(body), "reason")));
    }

    /** Ends every relationship of the caller's organization with the person (no body needed). */
    @POST
    @Path("/Patient/{id}/$end-relationship")
    @RolesAllowed({"clinician", "org-system"})
    public Response end(@PathParam("id") String id, @HeaderParam(ActingParty.CORRELATION_HEADER) String correlation)
            throws SQLException {
        ActingParty caller = ActingParty.fromToken(token, correlation);
        UUID person = knownPerson(id);
        return answer(relationships.end(caller, person, null, EndReason.REVOKED));
    }

    private UUID knownPerson(String id) throws SQLException {
        UUID person = FhirTypes.personId(id);
        if (!relationships.knows(person)) {
            throw RecordReads.notInView("Patient", id);
        }
        return person;
    }

    private Parameters parameters(String body) {
        if (body == null || body.isBlank()) {
            return new Parameters();
        }
        try {
            return fhir.newJsonParser().parseResource(Parameters.class, body);
        } catch (DataFormatException e) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Parameters resource: " + e.getMessage());
        }
    }

    private static String text(Parameters in, String name) {
        return Optional.ofNullable(in.getParameter(name))
                .map(Parameters.ParametersParameterComponent::getValue)
                .map(RelationshipResource::asText)
                .orElse(null);
    }

    private static String asText(Type value) {
        if (value instanceof Reference ref) {
            return ref.getReference();
        }
        return value.primitiveValue();
    }

    private Response answer(Handled<PersonAccess, AccessEvent> handled) {
        Parameters out = new Parameters();
        for (AccessEvent event : handled.events()) {
            switch (event) {
                case AccessEvent.TreatmentAttested t ->
                    started(out, t.relationshipId(), "treatment-attestation", t.endsAt());
                case AccessEvent.EmergencyAccessGranted e ->
                    started(out, e.relationshipId(), "emergency-access", e.endsAt());
                case AccessEvent.CareRelationshipEnded ended ->
                    out.addParameter().setName("ended").setValue(new StringType(ended.reason()));
                case AccessEvent.ConsentRecorded consent -> {}
            }
        }
        Response.ResponseBuilder r =
                Response.ok(fhir.newJsonParser().encodeResourceToString(out), FhirMediaTypes.FHIR_JSON_UTF8);
        if (handled.position() > 0) {
            r.header(OwnerForwarder.POSITION, AccessRules.SOURCE + "/" + handled.position());
        }
        return r.build();
    }

    private static void started(Parameters out, UUID relationshipId, String basis, String endsAt) {
        out.addParameter().setName("relationship").setValue(new IdType(relationshipId.toString()));
        out.addParameter().setName("basis").setValue(new StringType(basis));
        out.addParameter().setName("endsAt").setValue(new InstantType(Date.from(Instant.parse(endsAt))));
    }
}
