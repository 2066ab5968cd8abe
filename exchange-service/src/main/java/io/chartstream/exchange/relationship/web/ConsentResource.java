package io.chartstream.exchange.relationship.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.exchange.access.application.AccessRules;
import io.chartstream.exchange.access.domain.AccessCommand;
import io.chartstream.exchange.access.domain.AccessEvent;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.PersonAccess;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.exchange.read.application.RecordReads;
import io.chartstream.exchange.relationship.application.CareRelationships;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A person's privacy Consent (FHIR R4, scope patient-privacy; see PrivacyConsents for the
 * provisions it understands). The patient records it with their own token (role {@code
 * patient}, claim {@code person_id}: the portal passes the signed-in patient's token); an
 * organization in the person's care may record it on the patient's behalf. A new Consent replaces
 * the previous one as a whole; the views follow within seconds.
 */
@Path("/fhir")
@Authenticated
@Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class ConsentResource {

    static final String PATIENT_ROLE = "patient";

    private final CareRelationships relationships;
    private final AccessRules rules;
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final FhirContext fhir;
    private final OrgViews views;

    public ConsentResource(
            CareRelationships relationships,
            AccessRules rules,
            JsonWebToken token,
            SecurityIdentity identity,
            FhirContext fhir,
            OrgViews views) {
        this.relationships = relationships;
        this.rules = rules;
        this.token = token;
        this.identity = identity;
        this.fhir = fhir;
        this.views = views;
    }

    @POST
    @Path("/Consent")
    @RolesAllowed({"patient", "clinician", "org-system"})
    public Response record(String body, @HeaderParam(ActingParty.CORRELATION_HEADER) String correlation)
            throws SQLException {
        Consent consent = parse(body);
        UUID person = personOf(consent.getPatient().getReference());
        Recorder recorder = authorize(person, correlation);
        SharingChoices choices = PrivacyConsents.fromFhir(consent, person);
        UUID consentId = UUID.randomUUID();
        Handled<PersonAccess, AccessEvent> handled = relationships.handle(
                new AccessCommand.RecordConsent(
                        person,
                        consentId,
                        recorder.recordedBy(),
                        recorder.party().actor(),
                        new SharingPolicy(
                                choices.optOut(),
                                choices.blockedOrganizations(),
                                choices.withheldCategories(),
                                choices.part2SharedWith()),
                        Instant.now()),
                recorder.party());
        Consent stored = PrivacyConsents.toFhir(person, choices, new Date());
        stored.setId(consentId.toString());
        return Response.status(Response.Status.CREATED)
                .entity(fhir.newJsonParser().encodeResourceToString(stored))
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .header(OwnerForwarder.POSITION, AccessRules.SOURCE + "/" + handled.position())
                .build();
    }

    /** The Consent in force for {@code patient} (none when the person never recorded one). */
    @GET
    @Path("/Consent")
    @RolesAllowed({"patient", "clinician", "org-system"})
    public Response current(@QueryParam("patient") String patient) throws SQLException {
        if (patient == null || patient.isBlank()) {
            throw FhirProblem.invalid("search parameter patient is required (Consent?patient=<id>)");
        }
        UUID person = personOf(patient.startsWith("Patient/") ? patient : "Patient/" + patient);
        authorize(person, null);
        SharingPolicy policy = rules.current(person).policy();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        if (!policy.equals(SharingPolicy.DEFAULT)) {
            SharingChoices choices = new SharingChoices(
                    policy.optOut(),
                    policy.blockedOrganizations(),
                    policy.withheldCategories(),
                    policy.part2SharedWith());
            bundle.addEntry().setResource(PrivacyConsents.toFhir(person, choices, null));
        }
        bundle.setTotal(bundle.getEntry().size());
        return Response.ok(fhir.newJsonParser().encodeResourceToString(bundle), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }

    private record Recorder(String recordedBy, ActingParty party) {}

    /**
     * The patient themself, or an organization with an active care relationship that is not only
     * break-the-glass. Anything else is the same 404 as an unknown person.
     */
    private Recorder authorize(UUID person, String correlation) throws SQLException {
        if (identity.hasRole(PATIENT_ROLE)) {
            String own = token.getClaim("person_id");
            if (own == null || !own.equals(person.toString())) {
                throw FhirProblem.forbidden("a patient records consent for their own record only");
            }
            String username = token.getClaim("preferred_username");
            return new Recorder(
                    "patient", new ActingParty(null, username != null ? username : token.getName(), correlation));
        }
        ActingParty caller = ActingParty.fromToken(token, correlation);
        var bases = views.activeBases(person, caller.organization());
        bases.remove(Basis.EMERGENCY_ACCESS);
        if (bases.isEmpty()) {
            throw RecordReads.notInView("Patient", person.toString());
        }
        return new Recorder(caller.organization(), caller);
    }

    private Consent parse(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Consent");
        }
        try {
            return fhir.newJsonParser().parseResource(Consent.class, body);
        } catch (DataFormatException e) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Consent: " + e.getMessage());
        }
    }

    private static UUID personOf(String reference) {
        if (reference == null || !reference.startsWith("Patient/")) {
            throw FhirProblem.unprocessable("Consent.patient must be Patient/<enterprise person id>");
        }
        try {
            return UUID.fromString(reference.substring("Patient/".length()));
        } catch (IllegalArgumentException e) {
            throw FhirProblem.unprocessable("Consent.patient must be Patient/<enterprise person id>: " + reference);
        }
    }
}
