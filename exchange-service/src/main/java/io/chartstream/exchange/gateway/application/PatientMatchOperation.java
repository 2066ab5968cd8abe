package io.chartstream.exchange.gateway.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.chartstream.exchange.gateway.infrastructure.OwnerUnavailable;
import io.chartstream.exchange.read.application.DisclosedSearchset;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /fhir/Patient/$match}: the MPI scores the Patient against everyone, and the
 * gateway answers only the candidates the caller's organization has in its care, best first, each
 * with {@code search.score} and the match-grade extension. Anyone else is left out before
 * anything is disclosed, so the answer about a person known only elsewhere is the answer about
 * nobody. Each candidate answered is a disclosure in the audit trail.
 */
@ApplicationScoped
public class PatientMatchOperation {

    public static final String WHAT = "Patient/$match";
    public static final String MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade";
    static final int DEFAULT_COUNT = 10;
    static final int MAX_COUNT = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatchReviewForwarder mpi;
    private final OrgViews views;
    private final Disclosures disclosures;
    private final FhirContext fhir;

    public PatientMatchOperation(MatchReviewForwarder mpi, OrgViews views, Disclosures disclosures, FhirContext fhir) {
        this.mpi = mpi;
        this.views = views;
        this.disclosures = disclosures;
        this.fhir = fhir;
    }

    /** What the caller asked: the Patient, whether only certain matches, and how many at most. */
    record Request(Patient patient, boolean onlyCertain, int count) {}

    public String match(ActingParty caller, String body, String fhirBase) throws SQLException {
        Request request = request(body);
        IParser parser = fhir.newJsonParser();
        MatchReviewForwarder.Answer scored = mpi.match(parser.encodeResourceToString(request.patient()));
        if (scored.status() != 200 || scored.body() == null) {
            throw new OwnerUnavailable("patient-service could not match the Patient (" + scored.status() + ")", null);
        }
        DisclosedSearchset answer = new DisclosedSearchset(disclosures, caller, WHAT, fhirBase);
        for (JsonNode candidate : tree(scored.body())) {
            if (answer.size() >= request.count()) {
                break;
            }
            String grade = candidate.path("grade").asText();
            Optional<UUID> person = Uuids.parse(candidate.path("personId").asText());
            if (person.isEmpty() || (request.onlyCertain() && !"certain".equals(grade))) {
                continue;
            }
            Set<Basis> bases = views.activeBases(person.get(), caller.organization());
            Optional<VersionedResource> inView = bases.isEmpty()
                    ? Optional.empty()
                    : views.resource(
                            caller.organization(), "Patient", person.get().toString());
            if (inView.isEmpty()) {
                continue; // not in the caller's care: as if the MPI had not found it
            }
            answer.add(
                            person.get(),
                            bases,
                            parser.parseResource(Patient.class, inView.get().json()))
                    .setScore(BigDecimal.valueOf(candidate.path("probability").asDouble())
                            .setScale(4, RoundingMode.HALF_UP))
                    .addExtension(MATCH_GRADE, new CodeType(grade));
        }
        return answer.answer(parser, null);
    }

    /** The operation's Parameters: {@code resource} (a Patient, required), {@code onlyCertainMatches}, {@code count}. */
    Request request(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR Parameters resource with a Patient in 'resource'");
        }
        Parameters parameters;
        try {
            parameters = fhir.newJsonParser().parseResource(Parameters.class, body);
        } catch (DataFormatException | ClassCastException e) {
            throw FhirProblem.invalid("the body must be a FHIR Parameters resource: " + e.getMessage());
        }
        Patient patient = null;
        boolean onlyCertain = false;
        int count = DEFAULT_COUNT;
        for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
            switch (p.getName()) {
                case "resource" -> {
                    if (!(p.getResource() instanceof Patient given)) {
                        throw FhirProblem.invalid("parameter 'resource' must be a Patient");
                    }
                    patient = given;
                }
                case "onlyCertainMatches" -> {
                    if (!(p.getValue() instanceof BooleanType b) || b.getValue() == null) {
                        throw FhirProblem.invalid("parameter 'onlyCertainMatches' is a boolean");
                    }
                    onlyCertain = b.booleanValue();
                }
                case "count" -> {
                    if (!(p.getValue() instanceof IntegerType n) || n.getValue() == null || n.getValue() < 1) {
                        throw FhirProblem.invalid("parameter 'count' is a positive integer");
                    }
                    count = Math.min(n.getValue(), MAX_COUNT);
                }
                default -> throw FhirProblem.invalid("parameter '" + p.getName() + "' is not taken by $match");
            }
        }
        if (patient == null) {
            throw FhirProblem.invalid("parameter 'resource' (the Patient to match) is required");
        }
        return new Request(patient, onlyCertain, count);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new OwnerUnavailable("patient-service answered $match with no list: " + e.getMessage(), e);
        }
    }
}
