package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The FHIR write API of patient-service and clinical-service, as the gateway calls it. */
@Path("/fhir")
@Consumes(FhirMediaTypes.FHIR_JSON)
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public interface OwnerFhirApi {

    String ORGANIZATION = ActingParty.ORGANIZATION_HEADER;
    String ACTOR = ActingParty.ACTOR_HEADER;

    @POST
    @Path("/{type}")
    Response create(
            @PathParam("type") String type,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ORGANIZATION) String organization,
            @HeaderParam(ACTOR) String actor,
            @HeaderParam("If-None-Exist") String ifNoneExist,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities,
            @HeaderParam(ActingParty.REQUESTED_ID_HEADER) String requestedId,
            String body);

    /** A transaction Bundle of clinical entries (clinical-service), recorded all together or not at all. */
    @POST
    Response transaction(
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ORGANIZATION) String organization,
            @HeaderParam(ACTOR) String actor,
            String body);

    /** The current version of a clinical entry (clinical-service): 200 with its ETag, 404, or 410 when entered in error. */
    @GET
    @Path("/{type}/{id}")
    Response read(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization);

    @PUT
    @Path("/{type}/{id}")
    Response update(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ORGANIZATION) String organization,
            @HeaderParam(ACTOR) String actor,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities,
            String body);

    /**
     * FHIR's conditional update (patient-service, {@code Patient?identifier=system|value}): the
     * organization's registration under that identifier revised, or registered when unknown.
     */
    @PUT
    @Path("/{type}")
    Response conditionalUpdate(
            @PathParam("type") String type,
            @QueryParam("identifier") String identifier,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ORGANIZATION) String organization,
            @HeaderParam(ACTOR) String actor,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities,
            String body);

    /** Withdraws a clinical entry as entered in error (clinical-service); If-Match optional. */
    @DELETE
    @Path("/{type}/{id}")
    Response delete(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ORGANIZATION) String organization,
            @HeaderParam(ACTOR) String actor,
            @HeaderParam("If-Match") String ifMatch);
}
