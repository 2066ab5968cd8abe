package io.chartstream.patient.registration.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.FhirValidation;
import io.chartstream.patient.registration.application.RegistrationOutcome;
import io.chartstream.patient.registration.application.RegistrationService;
import io.chartstream.patient.registration.application.RevisionTransaction;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
import io.chartstream.patient.registration.infrastructure.PersonReader;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The MPI's FHIR R4 Patient API for other ChartStream services (the exchange gateway): register
 * (with conditional create), read an enterprise person, search by identifier. Internal: only
 * {@code internal-service} tokens; the acting organization and user come from the caller's
 * headers, trusted because of that role.
 */
@Path("/fhir/Patient")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
public class PatientResource {

    static final String POSITION = "X-ChartStream-Position";

    private final FhirContext fhir;
    private final PatientFhirMapper mapper;
    private final FhirValidation validation;
    private final RegistrationService registrations;
    private final RevisionTransaction revisions;
    private final PersonReader reader;
    private final SecurityIdentity identity;
    private final String source;

    public PatientResource(
            FhirContext fhir,
            FhirValidation validation,
            RegistrationService registrations,
            RevisionTransaction revisions,
            PersonReader reader,
            SecurityIdentity identity,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.fhir = fhir;
        this.mapper = new PatientFhirMapper(fhir);
        this.validation = validation;
        this.registrations = registrations;
        this.revisions = revisions;
        this.reader = reader;
        this.identity = identity;
        this.source = source;
    }

    @POST
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response register(
            String body,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities,
            @HeaderParam("If-None-Exist") String ifNoneExist) {
        // 400 without the organization header, before the body is looked at
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Patient");
        }
        Set<String> ownSystems = AssigningAuthorities.parse(assigningAuthorities);
        // a criterion on another organization's system matches nothing: no probing of others' MRNs
        Optional<Identifier> conditional =
                IdentifierToken.ifNoneExist(ifNoneExist).filter(i -> ownSystems.contains(i.system()));
        Patient patient = validPatient(body);
        Registration registration = registrationOf(party, ownSystems, patient);
        EventMetadata metadata = metadataOf(party, registration);

        return registered(registrations.register(registration, conditional, metadata), patient);
    }

    /** The answer to a registration: 201 whenever it registered something new (see the README). */
    private Response registered(RegistrationOutcome outcome, Patient patient) {
        Person person = outcome.person();
        // 201 whenever this organization registered something new, whether or not the person
        // existed: the status must not tell that another organization knows the person
        Response.ResponseBuilder response = outcome.position().isPresent()
                ? Response.status(Response.Status.CREATED).header("Location", "Patient/" + person.personId())
                : Response.ok();
        outcome.position().ifPresent(position -> response.header(POSITION, source + "/" + position));
        return response.type(FhirMediaTypes.FHIR_JSON_UTF8)
                .entity(mapper.encode(mapper.answer(patient, person)))
                .build();
    }

    /**
     * The acting organization revises its own registration of person {@code id} (the registration
     * under one of the Patient's own identifiers): 200 with the Patient as sent; 404 for an
     * unknown person; 403 when the organization has not registered that person under any of them.
     */
    @PUT
    @Path("{id}")
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response revise(
            @PathParam("id") String id,
            String body,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities) {
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        Patient patient = validPatient(body);
        Registration registration = registrationOf(party, AssigningAuthorities.parse(assigningAuthorities), patient);
        RegistrationOutcome outcome = parseId(id)
                .flatMap(person -> revisions.ofPerson(person, registration, metadataOf(party, registration)))
                .orElseThrow(() -> FhirProblem.notFound("Patient/" + id + " is not known"));
        return revised(outcome, patient);
    }

    /**
     * FHIR's conditional update on the organization's own identifier ({@code identifier=system|value},
     * which the Patient must carry): the registration under it revised (200), or, when no person
     * has it, a registration as {@code POST} with that criterion would be (201).
     */
    @PUT
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response reviseOrRegister(
            @QueryParam("identifier") String criterion,
            String body,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities) {
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        Identifier identifier = IdentifierToken.parse(criterion)
                .orElseThrow(() -> FhirProblem.invalid("a conditional update names identifier=system|value"));
        Patient patient = validPatient(body);
        Registration registration = registrationOf(party, AssigningAuthorities.parse(assigningAuthorities), patient);
        if (!registration.identifiers().contains(identifier)) {
            throw FhirProblem.unprocessable("the conditional update's identifier " + identifier.system() + "|"
                    + identifier.value() + " must be one of the organization's own identifiers the Patient carries");
        }
        EventMetadata metadata = metadataOf(party, registration);
        Optional<RegistrationOutcome> revised = revisions.byIdentifier(registration, identifier, metadata);
        if (revised.isPresent()) {
            return revised(revised.get(), patient);
        }
        return registered(registrations.register(registration, Optional.of(identifier), metadata), patient);
    }

    /** The answer to a revision: 200, with the position of its event when there is one. */
    private Response revised(RegistrationOutcome outcome, Patient patient) {
        Response.ResponseBuilder response = Response.ok();
        outcome.position().ifPresent(position -> response.header(POSITION, source + "/" + position));
        return response.type(FhirMediaTypes.FHIR_JSON_UTF8)
                .entity(mapper.encode(mapper.answer(patient, outcome.person())))
                .build();
    }

    private Patient validPatient(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Patient");
        }
        Patient patient = mapper.parse(body);
        List<String> errors = validation.errors(patient);
        if (!errors.isEmpty()) {
            throw FhirProblem.unprocessable("the Patient is not valid FHIR R4: " + String.join("; ", errors));
        }
        return patient;
    }

    private Registration registrationOf(ActingParty party, Set<String> ownSystems, Patient patient) {
        return new Registration(
                party.organization(),
                AssigningAuthorities.own(party.organization(), ownSystems, mapper.identifiers(patient)),
                mapper.document(patient));
    }

    /** A call without an actor header is the calling service's own act. */
    private EventMetadata metadataOf(ActingParty party, Registration registration) {
        return new EventMetadata(
                party.correlationId(),
                null,
                party.actor() != null ? party.actor() : identity.getPrincipal().getName(),
                registration.organization());
    }

    @GET
    @Path("{id}")
    @RolesAllowed("internal-service")
    public Response read(@PathParam("id") String id) {
        Person person = parseId(id)
                .flatMap(reader::byId)
                .orElseThrow(() -> FhirProblem.notFound("Patient/" + id + " is not known"));
        return fhirResponse(Response.ok(), person, mapper.toFhir(person));
    }

    @GET
    @RolesAllowed("internal-service")
    public Response search(@QueryParam("identifier") String identifier, @Context UriInfo uri) {
        List<Person> found = IdentifierToken.parse(identifier)
                .map(reader::byIdentifier)
                .orElseGet(() -> reader.byIdentifierValue(identifier));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        for (Person person : found) {
            bundle.addEntry()
                    .setFullUrl(uri.getBaseUri()
                            .resolve("fhir/Patient/" + person.personId())
                            .toString())
                    .setResource(mapper.toFhir(person))
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        return Response.ok(fhir.newJsonParser().encodeResourceToString(bundle), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }

    private Response fhirResponse(Response.ResponseBuilder response, Person person, Patient patient) {
        return response.header("ETag", ETags.of(person.version()))
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .entity(mapper.encode(patient))
                .build();
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
