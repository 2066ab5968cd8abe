package io.chartstream.exchange.read.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.read.application.RecordHistory;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.util.List;

/** History and vread of the Patient and the clinical entries, from the caller's organization view. */
@Path("/fhir/{type: " + FhirTypes.PATIENT + "|" + FhirTypes.ENTRY_PATTERN + "}/{id}/_history")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class GatewayHistoryResource {

    private final RecordHistory history;
    private final JsonWebToken token;
    private final FhirContext fhir;

    public GatewayHistoryResource(RecordHistory history, JsonWebToken token, FhirContext fhir) {
        this.history = history;
        this.token = token;
        this.fhir = fhir;
    }

    /** A history Bundle of the versions the caller may see, newest first. */
    @GET
    @RolesAllowed({"clinician", "org-system"})
    public Response history(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam(GatewayReadResource.AFTER) String after,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        String base = GatewayReadResource.fhirBase(uri);
        return history.history(
                ActingParty.fromToken(token, null),
                type,
                GatewayReadResource.resourceId(type, id),
                after,
                versions -> Response.ok(
                                fhir.newJsonParser().encodeResourceToString(bundle(base, type, id, versions)),
                                FhirMediaTypes.FHIR_JSON_UTF8)
                        .build());
    }

    /** One version, with its ETag. */
    @GET
    @Path("/{vid}")
    @RolesAllowed({"clinician", "org-system"})
    public Response vread(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("vid") String vid,
            @HeaderParam(GatewayReadResource.AFTER) String after)
            throws SQLException, InterruptedException {
        return history.vread(
                ActingParty.fromToken(token, null),
                type,
                GatewayReadResource.resourceId(type, id),
                RecordHistory.versionOf(vid),
                after,
                version -> Response.ok(
                                fhir.newJsonParser().encodeResourceToString(parse(version)),
                                FhirMediaTypes.FHIR_JSON_UTF8)
                        .header("ETag", ETags.of(version.version()))
                        .build());
    }

    private Bundle bundle(String base, String type, String id, List<VersionedResource> versions) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(versions.size());
        bundle.addLink().setRelation("self").setUrl(base + "/" + type + "/" + id + "/_history");
        for (VersionedResource version : versions) {
            Resource resource = parse(version);
            boolean first = version.version() == 1;
            Bundle.BundleEntryComponent entry =
                    bundle.addEntry().setFullUrl(base + "/" + type + "/" + id).setResource(resource);
            entry.getRequest()
                    .setMethod(first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
                    .setUrl(first ? type : type + "/" + id);
            entry.getResponse()
                    .setStatus(first ? "201 Created" : "200 OK")
                    .setEtag(ETags.of(version.version()))
                    .setLastModified(resource.getMeta().getLastUpdated());
        }
        return bundle;
    }

    /** Re-encoded: jsonb keeps no key order. The version id is the stream's, whatever the JSON says. */
    private Resource parse(VersionedResource version) {
        IParser parser = fhir.newJsonParser();
        Resource resource = (Resource) parser.parseResource(version.json());
        resource.getMeta().setVersionId(Long.toString(version.version()));
        return resource;
    }
}
