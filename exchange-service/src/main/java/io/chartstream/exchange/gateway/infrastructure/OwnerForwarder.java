package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.exchange.gateway.application.ForwardedWrite;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.fhir.ActingParty;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Calls the owner of a resource type (Patient: patient-service; clinical entries:
 * clinical-service) with the exchange's service token and the acting organization and user
 * in headers, and hands back the owner's answer as it is. An owner that does not answer is
 * {@link OwnerUnavailable}, never a 500.
 */
@ApplicationScoped
public class OwnerForwarder {

    public static final String POSITION = "X-ChartStream-Position";

    private final OwnerFhirApi patientService;
    private final OwnerFhirApi clinicalService;
    /** Transactions may take long: a thousand entries are validated and written in one call. */
    private final OwnerFhirApi clinicalTransactions;

    private final ServiceToken token;

    public OwnerForwarder(
            @ConfigProperty(name = "chartstream.patient-service.url", defaultValue = "http://localhost:8081")
                    URI patientUrl,
            @ConfigProperty(name = "chartstream.clinical-service.url", defaultValue = "http://localhost:8082")
                    URI clinicalUrl,
            ServiceToken token) {
        this.patientService = client(patientUrl);
        this.clinicalService = client(clinicalUrl);
        this.clinicalTransactions = client(clinicalUrl, 120);
        this.token = token;
    }

    private static OwnerFhirApi client(URI baseUri) {
        return client(baseUri, 15);
    }

    private static OwnerFhirApi client(URI baseUri, int readTimeoutSeconds) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(readTimeoutSeconds, TimeUnit.SECONDS)
                .disableDefaultMapper(true) // the owner's 4xx is the answer to pass on, not an exception
                .build(OwnerFhirApi.class);
    }

    public StoredResponse forward(ForwardedWrite write) {
        StoredResponse response = call(write, token.bearer());
        if (response.status() == 401) {
            token.invalidate(); // the token may have been revoked or the owner's keys rotated: one fresh try
            response = call(write, token.bearer());
        }
        return response;
    }

    /** Sends a transaction Bundle of clinical entries to clinical-service and hands back its answer. */
    public StoredResponse transaction(String bundle, ActingParty caller) {
        StoredResponse response = transaction(bundle, caller, token.bearer());
        if (response.status() == 401) {
            token.invalidate();
            response = transaction(bundle, caller, token.bearer());
        }
        return response;
    }

    /**
     * Several reads in one call: a FHIR batch of {@code GET Type/id} entries, answered by
     * clinical-service as a batch-response (each entry its read's status, resource and ETag).
     */
    public StoredResponse batchRead(String batch, ActingParty caller) {
        return transaction(batch, caller);
    }

    /**
     * Several validations in one call, nothing written: a FHIR batch of {@code POST Type/$validate}
     * entries, answered by clinical-service as a batch-response (each entry its OperationOutcome).
     * clinical-service remembers its verdicts, so the write that follows is not validated again.
     */
    public StoredResponse batchValidate(String batch, ActingParty caller) {
        return transaction(batch, caller);
    }

    /** The current version of a clinical entry as clinical-service has it (not a view: what a write is based on). */
    public StoredResponse readClinical(String resourceType, String id) {
        StoredResponse response = readClinical(resourceType, id, token.bearer());
        if (response.status() == 401) {
            token.invalidate();
            response = readClinical(resourceType, id, token.bearer());
        }
        return response;
    }

    private StoredResponse readClinical(String resourceType, String id, String bearer) {
        try (Response r = clinicalService.read(resourceType, id, bearer)) {
            return stored(r);
        } catch (ProcessingException e) {
            throw new OwnerUnavailable("clinical-service is not reachable: " + rootMessage(e), e);
        }
    }

    private StoredResponse transaction(String bundle, ActingParty caller, String bearer) {
        try (Response r = clinicalTransactions.transaction(bearer, caller.organization(), caller.actor(), bundle)) {
            return stored(r);
        } catch (ProcessingException e) {
            throw new OwnerUnavailable("clinical-service is not reachable: " + rootMessage(e), e);
        }
    }

    private StoredResponse call(ForwardedWrite w, String bearer) {
        OwnerFhirApi owner = w.isPatient() ? patientService : clinicalService;
        String ownerName = w.isPatient() ? "patient-service" : "clinical-service";
        try (Response r = w.isDelete()
                ? owner.delete(
                        w.resourceType(),
                        w.id(),
                        bearer,
                        w.caller().organization(),
                        w.caller().actor(),
                        w.ifMatch())
                : w.isConditionalUpdate()
                        ? owner.conditionalUpdate(
                                w.resourceType(),
                                w.criterion(),
                                bearer,
                                w.caller().organization(),
                                w.caller().actor(),
                                w.assigningAuthorities(),
                                w.body())
                        : w.id() == null
                                ? owner.create(
                                        w.resourceType(),
                                        bearer,
                                        w.caller().organization(),
                                        w.caller().actor(),
                                        w.ifNoneExist(),
                                        w.assigningAuthorities(),
                                        w.requestedId(),
                                        w.body())
                                : owner.update(
                                        w.resourceType(),
                                        w.id(),
                                        bearer,
                                        w.caller().organization(),
                                        w.caller().actor(),
                                        w.ifMatch(),
                                        w.assigningAuthorities(),
                                        w.body())) {
            return stored(r);
        } catch (ProcessingException e) {
            throw new OwnerUnavailable(ownerName + " is not reachable: " + rootMessage(e), e);
        }
    }

    private static StoredResponse stored(Response r) {
        String body = r.hasEntity() ? r.readEntity(String.class) : null;
        return new StoredResponse(
                r.getStatus(),
                r.getHeaderString("Content-Type"),
                body,
                r.getHeaderString("ETag"),
                r.getHeaderString("Location"),
                r.getHeaderString(POSITION));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
