package io.chartstream.exchange.audit.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.infrastructure.AuditEvents;
import io.chartstream.exchange.audit.infrastructure.AuditTrail;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.Bundle;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail as FHIR R4 AuditEvents, newest first. An auditor or the HIE's administrator
 * searches all of it; a patient only their own record's ({@code patient} is their
 * {@code person_id}, whatever they ask); an organization's clinician or system none of it (403).
 * Parameters: {@code patient}, {@code agent} (user or organization id), {@code entity} (a
 * reference such as {@code Observation/123}, or an operation as audited, e.g.
 * {@code Patient/$everything}), {@code date} (repeatable, prefixes ge/gt/le/lt or a plain day),
 * {@code type}, {@code subtype}, {@code outcome} (0 success, 4 refused), {@code _count}
 * (default 50, at most 500) and {@code _offset}.
 */
@Path("/fhir/AuditEvent")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class AuditEventResource {

    private static final int DEFAULT_COUNT = 50;
    private static final int MAX_COUNT = 500;

    private final AuditTrail trail;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final FhirContext fhir;

    public AuditEventResource(AuditTrail trail, SecurityIdentity identity, JsonWebToken token, FhirContext fhir) {
        this.trail = trail;
        this.identity = identity;
        this.token = token;
        this.fhir = fhir;
    }

    @GET
    @RolesAllowed({"auditor", "hie-admin", "patient"})
    public Response search(
            @QueryParam("patient") String patient,
            @QueryParam("agent") String agent,
            @QueryParam("entity") String entity,
            @QueryParam("date") List<String> dates,
            @QueryParam("type") String type,
            @QueryParam("subtype") String subtype,
            @QueryParam("outcome") String outcome,
            @QueryParam("_count") Integer count,
            @QueryParam("_offset") Integer offset,
            @Context UriInfo uri)
            throws SQLException {
        UUID person = patient == null ? null : person(patient);
        if (!identity.hasRole("auditor") && !identity.hasRole("hie-admin")) {
            UUID own = person(String.valueOf(token.<Object>getClaim("person_id")));
            if (person != null && !person.equals(own)) {
                throw FhirProblem.forbidden("a patient reads the audit trail of their own record only");
            }
            person = own;
        }
        int pageSize = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
        int skip = offset == null ? 0 : Math.max(0, offset);
        Instant from = null;
        Instant before = null;
        for (String date : dates) {
            Instant[] range = range(date);
            from = range[0] != null ? range[0] : from;
            before = range[1] != null ? range[1] : before;
        }
        AuditTrail.Page page = trail.search(
                new AuditTrail.Query(person, agent, entity, from, before, type, subtype, outcome, pageSize, skip));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal((int) page.total());
        bundle.addLink().setRelation("self").setUrl(uri.getRequestUri().toString());
        if (skip + pageSize < page.total()) {
            bundle.addLink()
                    .setRelation("next")
                    .setUrl(uri.getRequestUriBuilder()
                            .replaceQueryParam("_offset", skip + pageSize)
                            .replaceQueryParam("_count", pageSize)
                            .build()
                            .toString());
        }
        for (AuditChain.Link link : page.links()) {
            bundle.addEntry().setFullUrl("AuditEvent/" + link.sequence()).setResource(AuditEvents.toFhir(link));
        }
        return Response.ok(fhir.newJsonParser().encodeResourceToString(bundle), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }

    /** {@code [from, before)}: "ge2026-12-01" starts at that day, "lt..." ends before it, a plain day is that day. */
    static Instant[] range(String date) {
        String prefix = date.length() > 2 && Character.isLetter(date.charAt(0)) ? date.substring(0, 2) : "eq";
        String value = prefix.equals("eq") ? date : date.substring(2);
        Instant start;
        Instant end;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            } else {
                start = Instant.parse(value);
                end = start.plusNanos(1000);
            }
        } catch (DateTimeParseException e) {
            throw FhirProblem.invalid(
                    "date must be a FHIR date or instant with an optional prefix ge, gt, le, lt: " + date);
        }
        return switch (prefix) {
            case "ge" -> new Instant[] {start, null};
            case "gt" -> new Instant[] {end, null};
            case "le" -> new Instant[] {null, end};
            case "lt" -> new Instant[] {null, start};
            case "eq" -> new Instant[] {start, end};
            default -> throw FhirProblem.invalid("date prefix must be ge, gt, le or lt: " + date);
        };
    }

    private static UUID person(String id) {
        String plain = id.startsWith("Patient/") ? id.substring("Patient/".length()) : id;
        try {
            return UUID.fromString(plain);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("patient must be Patient/<enterprise person id>: " + id);
        }
    }
}
