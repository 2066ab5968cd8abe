package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.fhir.ActingParty;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls patient-service's review queue and merges (on behalf of an HIE administrator) and its
 * {@code Patient/$match} scoring (on behalf of an organization; the gateway filters the answer by
 * care) with the exchange's service token, and hands back its answer as it is (a 409 for a merge the
 * persons' states refuse included). Not answering is {@link OwnerUnavailable}.
 */
@ApplicationScoped
public class MatchReviewForwarder {

    /** What patient-service answered. */
    public record Answer(int status, String contentType, String body) {}

    private final MatchReviewApi patientService;
    private final PatientMatchApi matcher;
    private final PersonMergeApi merges;
    private final MergeRequestApi mergeRequests;
    private final ServiceToken token;

    public MatchReviewForwarder(
            @ConfigProperty(name = "chartstream.patient-service.url", defaultValue = "http://localhost:8081")
                    URI patientUrl,
            ServiceToken token) {
        this.patientService = client(patientUrl, MatchReviewApi.class);
        this.matcher = client(patientUrl, PatientMatchApi.class);
        this.merges = client(patientUrl, PersonMergeApi.class);
        this.mergeRequests = client(patientUrl, MergeRequestApi.class);
        this.token = token;
    }

    private static <T> T client(URI patientUrl, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(patientUrl)
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .disableDefaultMapper(true)
                .build(api);
    }

    /** Every graded candidate for the Patient (FHIR JSON), of any organization. */
    public Answer match(String patientJson) {
        return withToken(bearer -> matcher.match(bearer, patientJson));
    }

    public Answer open(Integer count) {
        return withToken(bearer -> patientService.open(bearer, count));
    }

    public Answer decide(String reviewId, String actor, String body) {
        return withToken(bearer -> patientService.decide(reviewId, bearer, actor, body));
    }

    /** Merges two persons as the administrator {@code actor} (body: survivor, merged, reason). */
    public Answer merge(String actor, String body) {
        return withToken(bearer -> merges.merge(bearer, actor, body));
    }

    /** Undoes a merge as the administrator {@code actor} (body: merged, reason). */
    public Answer unmerge(String actor, String body) {
        return withToken(bearer -> merges.unmerge(bearer, actor, body));
    }

    /**
     * Asks, as {@code caller}'s organization (whose own identifier systems are {@code systems},
     * comma-separated), for a merge of two of its patients' persons: a review task (body: survivor
     * and merged identifier, message control id).
     */
    public Answer requestMerge(ActingParty caller, String systems, String body) {
        return withToken(bearer -> mergeRequests.request(
                bearer, caller.organization(), caller.actor(), caller.correlationId(), systems, body));
    }

    private Answer withToken(Function<String, Response> call) {
        Answer answer = answer(call, token.bearer());
        if (answer.status() == 401) {
            token.invalidate(); // revoked or rotated: one fresh try, as OwnerForwarder does
            answer = answer(call, token.bearer());
        }
        return answer;
    }

    private static Answer answer(Function<String, Response> call, String bearer) {
        try (Response r = call.apply(bearer)) {
            return new Answer(
                    r.getStatus(),
                    r.getHeaderString("Content-Type"),
                    r.hasEntity() ? r.readEntity(String.class) : null);
        } catch (ProcessingException e) {
            throw new OwnerUnavailable("patient-service is not reachable: " + e.getMessage(), e);
        }
    }
}
