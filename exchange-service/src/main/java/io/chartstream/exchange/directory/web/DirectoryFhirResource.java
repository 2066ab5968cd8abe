package io.chartstream.exchange.directory.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.directory.application.ProviderDirectory;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.BodySizeLimit;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import java.net.URI;
import java.util.Date;
import java.util.UUID;

/**
 * FHIR REST of the provider directory: create (conditionally with {@code If-None-Exist:
 * identifier=system|value}), update with {@code If-Match}, read, vread and search of Organization,
 * Practitioner, PractitionerRole and Location. The types are literal in the paths, so these are
 * more specific than the gateway's {@code /fhir/{type}/{id}} and win over it.
 */
@Path("/fhir")
@Authenticated
@Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class DirectoryFhirResource {

    static final String TYPES = "Organization|Practitioner|PractitionerRole|Location";

    private final ProviderDirectory directory;
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final FhirContext fhir;
    private final BodySizeLimit sizeLimit;

    public DirectoryFhirResource(
            ProviderDirectory directory,
            JsonWebToken token,
            SecurityIdentity identity,
            FhirContext fhir,
            BodySizeLimit sizeLimit) {
        this.directory = directory;
        this.token = token;
        this.identity = identity;
        this.fhir = fhir;
        this.sizeLimit = sizeLimit;
    }

    @POST
    @Path("/{type: " + TYPES + "}")
    @RolesAllowed({"clinician", "org-system", "hie-admin"})
    public Response create(
            @PathParam("type") String type,
            String body,
            @HeaderParam("If-None-Exist") String ifNoneExist,
            @Context UriInfo uri) {
        ProviderDirectory.Created created =
                directory.create(type, sizeLimit.requireWithin(body), ifNoneExist, caller());
        return Response.status(created.created() ? 201 : 200)
                .entity(created.json())
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .location(versionUri(uri, type, created.id(), created.version()))
                .header("ETag", ETags.of(created.version()))
                .build();
    }

    @PUT
    @Path("/{type: " + TYPES + "}/{id}")
    @RolesAllowed({"clinician", "org-system", "hie-admin"})
    public Response update(
            @PathParam("type") String type,
            @PathParam("id") String id,
            String body,
            @HeaderParam("If-Match") String ifMatch,
            @Context UriInfo uri) {
        long expected = ETags.expectedFrom(ifMatch);
        ProviderDirectory.Stored updated =
                directory.update(type, id, sizeLimit.requireWithin(body), expected, caller());
        return answer(updated)
                .location(versionUri(uri, type, id, updated.version()))
                .build();
    }

    @GET
    @Path("/{type: " + TYPES + "}/{id}")
    @RolesAllowed({"clinician", "org-admin", "org-system", "auditor", "hie-admin"})
    public Response read(@PathParam("type") String type, @PathParam("id") String id) {
        return answer(directory.read(type, id).orElseThrow(() -> notFound(type, id)))
                .build();
    }

    @GET
    @Path("/{type: " + TYPES + "}/{id}/_history/{version}")
    @RolesAllowed({"clinician", "org-admin", "org-system", "auditor", "hie-admin"})
    public Response vread(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("version") String version) {
        long v;
        try {
            v = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw FhirProblem.notFound(type + "/" + id + " has no version " + version);
        }
        return answer(directory
                        .readVersion(type, id, v)
                        .orElseThrow(() -> FhirProblem.notFound(type + "/" + id + " has no version " + version)))
                .build();
    }

    @GET
    @Path("/{type: " + TYPES + "}")
    @RolesAllowed({"clinician", "org-admin", "org-system", "auditor", "hie-admin"})
    public Response search(@PathParam("type") String type, @Context UriInfo uri) {
        DirectorySearches search = DirectorySearches.of(type, uri.getQueryParameters());
        ProviderDirectory.Page page = directory.search(search.criteria(), search.count(), search.offset());
        String bundle = SearchBundle.of(fhir, fhirBase(uri), type, uri.getRequestUri(), search, page);
        return Response.ok(bundle, FhirMediaTypes.FHIR_JSON_UTF8).build();
    }

    private static Response.ResponseBuilder answer(ProviderDirectory.Stored stored) {
        return Response.ok(stored.json(), FhirMediaTypes.FHIR_JSON_UTF8)
                .header("ETag", ETags.of(stored.version()))
                .lastModified(Date.from(stored.lastUpdated()));
    }

    /**
     * Clinicians and organization systems act for the organization of their token (403 without
     * one); an HIE operator edits the directory for the exchange itself, with no organization.
     */
    private ActingParty caller() {
        String org = token.getClaim("org_id");
        if ((org == null || org.isBlank()) && identity.hasRole("hie-admin")) {
            String username = token.getClaim("preferred_username");
            return new ActingParty(
                    null,
                    username != null ? username : token.getName(),
                    UUID.randomUUID().toString());
        }
        return ActingParty.fromToken(token, null);
    }

    private static FhirProblem notFound(String type, String id) {
        return FhirProblem.notFound(type + "/" + id + " is not in the directory");
    }

    private static URI versionUri(UriInfo uri, String type, String id, long version) {
        return URI.create(fhirBase(uri) + "/" + type + "/" + id + "/_history/" + version);
    }

    static String fhirBase(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + "fhir";
    }
}
