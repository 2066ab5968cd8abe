package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.clinical.entry.application.ClinicalEntryQueries;
import io.chartstream.clinical.entry.application.ClinicalEntryService;
import io.chartstream.clinical.entry.application.EntryWritten;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.entry.domain.EntryRejected;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.clinical.entry.domain.Provenance;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.eventsourcing.runtime.EventSourcingConfig;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * FHIR R4 REST for clinical entries. Internal: only the exchange gateway (role
 * {@code internal-service}) calls it, naming the acting organization and user in headers.
 */
@Path("/fhir/{type: " + ClinicalContracts.ENTRY_TYPE_PATTERN + "}")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
public class ClinicalEntryResource {

    static final String POSITION = "X-ChartStream-Position";

    private final ClinicalEntryService service;
    private final EntryWithdrawals withdrawals;
    private final ClinicalEntryQueries queries;
    private final FhirEntries entries;
    private final AmendmentSubjects subjects;
    private final FhirContext fhir;
    private final String source;

    public ClinicalEntryResource(
            ClinicalEntryService service,
            EntryWithdrawals withdrawals,
            ClinicalEntryQueries queries,
            FhirEntries entries,
            AmendmentSubjects subjects,
            FhirContext fhir,
            EventSourcingConfig config) {
        this.service = service;
        this.withdrawals = withdrawals;
        this.queries = queries;
        this.entries = entries;
        this.subjects = subjects;
        this.fhir = fhir;
        this.source = config.source();
    }

    @POST
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response record(
            @PathParam("type") String type,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.REQUESTED_ID_HEADER) String requestedId,
            String body)
            throws Exception {
        EntryType entryType = typeOf(type);
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        Resource resource = entries.parseValid(entryType, body);
        UUID personId = entries.subjectOf(entryType, resource)
                .orElseThrow(() -> FhirProblem.unprocessable("a " + type
                        + " names no patient: it is recorded in a transaction Bundle with the entries that use it"));
        UUID entryId = requestedId == null ? UUID.randomUUID() : entryIdOf(entryType, requestedId);
        FhirJson stamped = entries.stamp(resource, entryId, 1, Instant.now());
        EntryWritten written;
        try {
            written = service.record(
                    new RecordEntry(entryId, personId, entryType, stamped, provenance(party)), party.metadata());
        } catch (EntryRejected | StreamConflictException e) {
            if (requestedId == null
                    || (e instanceof EntryRejected r && r.reason() != EntryRejected.Reason.ALREADY_RECORDED)) {
                throw e;
            }
            return alreadyRecorded(entryType, entryId, party);
        }
        return written(Response.status(Response.Status.CREATED), written)
                .header(HttpHeaders.LOCATION, type + "/" + entryId + "/_history/" + written.version())
                .build();
    }

    /**
     * The same create arrived again (the gateway forwarded it twice under one Idempotency-Key: its
     * answer was lost, or its record of the key was): answered as the first time, with the entry
     * that the first one recorded, and nothing recorded twice.
     */
    private Response alreadyRecorded(EntryType type, UUID entryId, ActingParty party) throws Exception {
        StoredEntry entry = queries.current(type, entryId)
                .filter(e -> party.organization().equals(e.organization()))
                .orElseThrow(() ->
                        FhirProblem.conflict("entry " + entryId + " exists and was not recorded by this request"));
        if (entry.enteredInError()) {
            throw FhirProblem.gone(type.resourceType() + "/" + entryId + " was recorded and entered in error since");
        }
        return Response.status(Response.Status.CREATED)
                .entity(entries.reencode(entry.resource()))
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .header(HttpHeaders.ETAG, ETags.of(entry.version()))
                .header(HttpHeaders.LOCATION, type.resourceType() + "/" + entryId + "/_history/1")
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response amend(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            String body)
            throws Exception {
        EntryType entryType = typeOf(type);
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        long expected = ETags.expectedFrom(ifMatch);
        UUID entryId = entryIdOf(entryType, id);
        Resource resource = entries.parseValid(entryType, body);
        if (resource.hasIdElement()
                && resource.getIdElement().hasIdPart()
                && !id.equals(resource.getIdElement().getIdPart())) {
            throw FhirProblem.invalid(
                    "the body's id " + resource.getIdElement().getIdPart() + " is not the id in the URL, " + id);
        }
        UUID personId = subjects.personOf(entryType, entryId, entries.subjectOf(entryType, resource), resource);
        FhirJson stamped = entries.stamp(resource, entryId, expected + 1, Instant.now());
        try {
            EntryWritten written = service.amend(
                    new AmendEntry(entryId, expected, personId, entryType, stamped, provenance(party)),
                    party.metadata());
            return written(Response.ok(), written).build();
        } catch (StreamConflictException e) {
            // another amendment committed between our read and our append
            throw FhirProblem.preconditionFailed("the entry changed meanwhile; read it again and reapply the change");
        }
    }

    /**
     * FHIR DELETE: the entry is withdrawn as entered in error (an event, never an erasure). The
     * answer is 200 with its last version marked entered-in-error. {@code If-Match} is optional;
     * when sent it must name the current version (412). Again on a withdrawn entry: 200, nothing
     * written (no position). See {@link EntryWithdrawals}.
     */
    @DELETE
    @Path("/{id}")
    @RolesAllowed("internal-service")
    public Response enterInError(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId)
            throws Exception {
        EntryType entryType = typeOf(type);
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        Long expected = ifMatch == null ? null : ETags.expectedFrom(ifMatch);
        UUID entryId = entryIdOf(entryType, id);
        EntryWritten written = withdrawals.withdraw(entryType, entryId, expected, provenance(party), party.metadata());
        return written(Response.ok(), written)
                .entity(entries.reencode(written.resource().json()))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("internal-service")
    public Response read(@PathParam("type") String type, @PathParam("id") String id) throws Exception {
        EntryType entryType = typeOf(type);
        StoredEntry entry =
                queries.current(entryType, entryIdOf(entryType, id)).orElseThrow(() -> notFound(entryType, id));
        if (entry.enteredInError()) {
            throw FhirProblem.gone(type + "/" + id + " was entered in error");
        }
        return Response.ok(entries.reencode(entry.resource()), FhirMediaTypes.FHIR_JSON_UTF8)
                .header(HttpHeaders.ETAG, ETags.of(entry.version()))
                .lastModified(Date.from(entry.updatedAt()))
                .build();
    }

    @GET
    @Path("/{id}/_history/{version}")
    @RolesAllowed("internal-service")
    public Response readVersion(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("version") String version)
            throws Exception {
        EntryType entryType = typeOf(type);
        UUID entryId = entryIdOf(entryType, id);
        long v = version.matches("[1-9][0-9]{0,17}") ? Long.parseLong(version) : 0;
        if (v == 0) {
            throw notFound(entryType, id + "/_history/" + version);
        }
        var event = queries.version(entryType, entryId, v)
                .orElseThrow(() -> notFound(entryType, id + "/_history/" + version));
        return Response.ok(entries.reencode(event.resource().json()), FhirMediaTypes.FHIR_JSON_UTF8)
                .header(HttpHeaders.ETAG, ETags.of(v))
                .build();
    }

    @GET
    @RolesAllowed("internal-service")
    public Response search(@PathParam("type") String type, @QueryParam("patient") String patient, @Context UriInfo uri)
            throws Exception {
        EntryType entryType = typeOf(type);
        UUID personId = SearchBundles.personOf(patient);
        var bundle = SearchBundles.searchset(
                queries.byPerson(entryType, personId),
                entries,
                uri.getRequestUri(),
                uri.getBaseUri().resolve("fhir/"));
        return Response.ok(fhir.newJsonParser().encodeResourceToString(bundle), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }

    private Response.ResponseBuilder written(Response.ResponseBuilder response, EntryWritten written) {
        response.entity(written.resource().json())
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .header(HttpHeaders.ETAG, ETags.of(written.version()));
        return written.position() == 0 ? response : response.header(POSITION, source + "/" + written.position());
    }

    private static EntryType typeOf(String type) {
        return EntryType.ofResourceType(type)
                .orElseThrow(() -> FhirProblem.notFound("no resource type " + type + " here"));
    }

    private static UUID entryIdOf(EntryType type, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(type, id);
        }
    }

    static FhirProblem notFound(EntryType type, String id) {
        return FhirProblem.notFound(type.resourceType() + "/" + id + " does not exist");
    }

    private static Provenance provenance(ActingParty party) {
        return new Provenance(party.organization(), party.actor());
    }
}
