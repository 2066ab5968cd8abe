package io.chartstream.exchange.read.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.read.application.FhirPaths;
import io.chartstream.exchange.read.application.PatientSearch;
import io.chartstream.exchange.read.application.RecordReads;
import io.chartstream.exchange.read.application.SearchCriteria;
import io.chartstream.exchange.read.application.SearchParameters;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;

/** Reads of the shared record, answered from the caller's organization view. */
@Path("/fhir")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class GatewayReadResource {

    public static final String AFTER = "X-ChartStream-After";
    static final String PREFER = "Prefer";

    private final RecordReads reads;
    private final PatientSearch patients;
    private final JsonWebToken token;
    private final FhirContext fhir;
    private final FhirPaths paths;

    public GatewayReadResource(
            RecordReads reads, PatientSearch patients, JsonWebToken token, FhirContext fhir, FhirPaths paths) {
        this.reads = reads;
        this.patients = patients;
        this.token = token;
        this.fhir = fhir;
        this.paths = paths;
    }

    @GET
    @Path("/Patient/{id}/$everything")
    @RolesAllowed({"clinician", "org-system"})
    public Response everything(
            @PathParam("id") String id,
            @HeaderParam(AFTER) String after,
            @HeaderParam(PREFER) String prefer,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        SearchCriteria criteria = SearchCriteria.everything(personId(id), uri.getQueryParameters(), lenient(prefer));
        return page(criteria, "Patient/$everything", "/Patient/" + criteria.person() + "/$everything?", after, uri);
    }

    /**
     * Patient search ({@code identifier}, {@code family}, {@code given}, {@code birthdate}, {@code
     * _count}) among the persons in the caller's care only ({@link PatientSearch}).
     */
    @GET
    @Path("/Patient")
    @RolesAllowed({"clinician", "org-system"})
    public Response searchPatients(@HeaderParam(PREFER) String prefer, @Context UriInfo uri) throws SQLException {
        String bundle = patients.search(
                ActingParty.fromToken(token, null), uri.getQueryParameters(), lenient(prefer), fhirBase(uri));
        return Response.ok(bundle, FhirMediaTypes.FHIR_JSON_UTF8).build();
    }

    /**
     * Search of one clinical type in the person's record: {@code patient} (or {@code
     * subject=Patient/<id>}) and the type's parameters ({@link SearchParameters}), {@code
     * _lastUpdated}, {@code _count}.
     */
    @GET
    @Path("/{type: " + FhirTypes.ENTRY_PATTERN + "}")
    @RolesAllowed({"clinician", "org-system"})
    public Response search(
            @PathParam("type") String type,
            @HeaderParam(AFTER) String after,
            @HeaderParam(PREFER) String prefer,
            @Context UriInfo uri)
            throws SQLException, InterruptedException {
        SearchCriteria criteria = SearchCriteria.search(paths, type, uri.getQueryParameters(), lenient(prefer));
        return page(criteria, type + "?patient", "/" + type + "?", after, uri);
    }

    /** One page of the person's record that matches the criteria, with links to {@code path} plus the page's own. */
    private Response page(SearchCriteria criteria, String what, String path, String after, UriInfo uri)
            throws SQLException, InterruptedException {
        String base = fhirBase(uri);
        String query = base + path + criteria.query();
        String bundle = reads.read(
                ActingParty.fromToken(token, null),
                criteria,
                after,
                what,
                base,
                RecordReads.Page.of(first(uri, SearchCriteria.COUNT), first(uri, SearchCriteria.CURSOR)),
                page -> query + pageQuery(page),
                fhir.newJsonParser()::encodeResourceToString);
        return Response.ok(bundle, FhirMediaTypes.FHIR_JSON_UTF8).build();
    }

    private static String first(UriInfo uri, String name) {
        return uri.getQueryParameters().getFirst(name);
    }

    /** FHIR's {@code Prefer: handling=lenient}: parameters the gateway does not serve are left out, not refused. */
    static boolean lenient(String prefer) {
        return prefer != null && prefer.replace(" ", "").contains("handling=lenient");
    }

    /** The query of a page's link: its size, and where it starts when not at the beginning. */
    private static String pageQuery(RecordReads.Page page) {
        return "_count=" + page.count()
                + (page.cursor() == null ? "" : "&_cursor=" + URLEncoder.encode(page.cursor(), StandardCharsets.UTF_8));
    }

    /**
     * FHIR read. The type is checked in code, not in the path, so that a type the gateway does not
     * serve gets an answer naming the ones it does. {@code $everything} (three segments) and the
     * writes (other methods) are not shadowed: ReadByIdTest calls them.
     */
    @GET
    @Path("/{type}/{id}")
    @RolesAllowed({"clinician", "org-system"})
    public Response read(@PathParam("type") String type, @PathParam("id") String id, @HeaderParam(AFTER) String after)
            throws SQLException, InterruptedException {
        if (!FhirTypes.READABLE.contains(type)) {
            throw FhirProblem.notFound(
                    "the gateway reads " + String.join(", ", FhirTypes.READABLE) + " by id, not " + type);
        }
        ActingParty caller = ActingParty.fromToken(token, null);
        // re-encoded: jsonb keeps no key order, and clients expect resourceType first
        return reads.readOne(
                caller,
                type,
                resourceId(type, id),
                after,
                stored -> Response.ok(
                                fhir.newJsonParser()
                                        .encodeResourceToString(
                                                fhir.newJsonParser().parseResource(stored.json())),
                                FhirMediaTypes.FHIR_JSON_UTF8)
                        .header("ETag", ETags.of(stored.version()))
                        .build());
    }

    private static UUID personId(String id) {
        return FhirTypes.personId(id);
    }

    /** Every id the gateway hands out is a UUID: person ids, and entry ids assigned by clinical-service. */
    static UUID resourceId(String type, String id) {
        if (FhirTypes.PATIENT.equals(type)) {
            return personId(id);
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("a " + type + " id is a UUID: " + id);
        }
    }

    public static String fhirBase(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + "fhir";
    }
}
