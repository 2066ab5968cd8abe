package io.chartstream.patient.lookup.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.patient.lookup.application.PatientMatches;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The MPI's scoring for the gateway's {@code Patient/$match}: body a FHIR Patient, answer every
 * graded candidate (any organization's: the gateway filters by care). Internal: only {@code
 * internal-service} tokens.
 */
@Path("/match")
@Authenticated
public class PatientMatchResource {

    private final PatientMatches matches;
    private final PatientFhirMapper mapper;

    public PatientMatchResource(PatientMatches matches, FhirContext fhir) {
        this.matches = matches;
        this.mapper = new PatientFhirMapper(fhir);
    }

    @POST
    @RolesAllowed("internal-service")
    @Consumes({"application/fhir+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    public List<PatientMatches.Candidate> match(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Patient");
        }
        return matches.match(mapper.demographics(mapper.parse(body)).matchRecord());
    }
}
