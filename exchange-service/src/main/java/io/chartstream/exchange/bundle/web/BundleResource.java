package io.chartstream.exchange.bundle.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.exchange.bundle.application.BundleProcessor;
import io.chartstream.exchange.bundle.domain.EntryIds;
import io.chartstream.exchange.gateway.application.IdempotentWrites;
import io.chartstream.exchange.gateway.domain.IdempotencyRules;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.ParseIssues;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

import java.sql.SQLException;

/**
 * {@code POST /fhir} with a FHIR {@code transaction} or {@code batch} Bundle (see
 * {@link BundleProcessor}). Under an Idempotency-Key the same Bundle again gets the first answer
 * and writes nothing twice.
 */
@Path("/fhir")
@Authenticated
@Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class BundleResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final BundleProcessor processor;
    private final IdempotentWrites writes;
    private final JsonWebToken token;
    private final FhirContext fhir;

    public BundleResource(BundleProcessor processor, IdempotentWrites writes, JsonWebToken token, FhirContext fhir) {
        this.processor = processor;
        this.writes = writes;
        this.token = token;
        this.fhir = fhir;
    }

    @POST
    @RolesAllowed({"clinician", "org-system"})
    public Response process(String body, @HeaderParam(IDEMPOTENCY_KEY) String key)
            throws SQLException, InterruptedException {
        ActingParty caller = ActingParty.fromToken(token, null);
        Bundle bundle = parse(body);
        String org = caller.organization();
        String fingerprint = IdempotencyRules.fingerprint("POST", "/fhir", null, null, body);
        EntryIds ids = key == null ? EntryIds.random() : EntryIds.derived(org, key, fingerprint);
        IdempotentWrites.Outcome outcome =
                writes.run(org, key, fingerprint, () -> processor.process(bundle, caller, ids));
        StoredResponse r = outcome.response();
        Response.ResponseBuilder answer =
                Response.status(r.status()).entity(r.body()).type(r.contentType());
        if (r.position() != null) {
            answer.header(OwnerForwarder.POSITION, r.position());
        }
        if (outcome.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    /** The body as a Bundle, parsed strictly: every parser finding is a 422 issue, nothing is dropped silently. */
    private Bundle parse(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("POST /fhir takes a FHIR R4 Bundle (transaction or batch) in JSON");
        }
        ParseIssues issues = new ParseIssues();
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().setParserErrorHandler(issues).parseResource(body);
        } catch (DataFormatException e) {
            throw FhirProblem.invalid("the body is not a FHIR R4 resource in JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw FhirProblem.invalid("POST /fhir takes a Bundle, the body is a " + fhir.getResourceType(parsed));
        }
        if (!issues.messages().isEmpty()) {
            throw FhirProblem.unprocessable(String.join("; ", issues.messages()));
        }
        return bundle;
    }
}
