package io.chartstream.exchange.gateway.application;

import io.chartstream.exchange.gateway.domain.IdempotencyDecision;
import io.chartstream.exchange.gateway.domain.IdempotencyRecord;
import io.chartstream.exchange.gateway.domain.IdempotencyRules;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.IdempotencyTable;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Forwards a write at most once per (organization, Idempotency-Key); see {@link IdempotencyRules}. */
@ApplicationScoped
public class IdempotentWrites {

    /** Longer than the owner call can take (connect 2 s + read 15 s; a transaction Bundle's 120 s). */
    private static final Duration ABANDON_AFTER = Duration.ofSeconds(150);

    public record Outcome(StoredResponse response, boolean replayed) {}

    private final OwnerForwarder forwarder;
    private final IdempotencyTable table;

    public IdempotentWrites(OwnerForwarder forwarder, IdempotencyTable table) {
        this.forwarder = forwarder;
        this.table = table;
    }

    public Outcome forward(ForwardedWrite write, String idempotencyKey) throws SQLException, InterruptedException {
        String org = write.caller().organization();
        String hash = IdempotencyRules.fingerprint(
                write.method(), write.path(), write.ifMatch(), write.ifNoneExist(), write.body());
        // a create names its entry's id, so that a second forwarding of it (after a lost answer or
        // a lost claim) is the same entry at the owner, not a second one
        return run(
                org,
                idempotencyKey,
                hash,
                () -> forwarder.forward(
                        idempotencyKey != null && write.id() == null && !write.isPatient()
                                ? write.withRequestedId(IdempotencyRules.requestedId(org, idempotencyKey, hash))
                                : write));
    }

    /** A request of {@code org} identified by {@code fingerprint}, executed at most once per Idempotency-Key. */
    public Outcome run(String org, String idempotencyKey, String fingerprint, Request request)
            throws SQLException, InterruptedException {
        if (idempotencyKey == null) {
            return new Outcome(call(request), false);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw FhirProblem.invalid("Idempotency-Key must be 1-255 characters");
        }
        Optional<IdempotencyRecord> existing = table.claim(org, idempotencyKey, fingerprint);
        if (existing.isPresent()) {
            IdempotencyDecision decision =
                    IdempotencyRules.decide(existing.get(), fingerprint, Instant.now(), ABANDON_AFTER);
            switch (decision) {
                case IdempotencyDecision.Replay replay -> {
                    return new Outcome(replay.response(), true);
                }
                case IdempotencyDecision.Mismatch mismatch ->
                    throw FhirProblem.unprocessable(
                            "Idempotency-Key " + idempotencyKey + " was already used for a different request");
                case IdempotencyDecision.InProgress inProgress -> throw stillInProgress(idempotencyKey);
                case IdempotencyDecision.Execute execute -> {
                    if (!table.takeOver(org, idempotencyKey, existing.get().claimedAt())) {
                        throw stillInProgress(idempotencyKey); // another retry took the abandoned claim first
                    }
                }
            }
        }
        StoredResponse response;
        try {
            response = call(request);
        } catch (RuntimeException e) {
            table.release(org, idempotencyKey);
            throw e;
        }
        if (IdempotencyRules.worthKeeping(response)) {
            table.complete(org, idempotencyKey, response);
        } else {
            table.release(org, idempotencyKey);
        }
        return new Outcome(response, false);
    }

    /** The request a key stands for: forwarding a write, or processing a Bundle. */
    @FunctionalInterface
    public interface Request {
        StoredResponse call() throws SQLException, InterruptedException;
    }

    private static StoredResponse call(Request request) throws SQLException, InterruptedException {
        return request.call();
    }

    private static FhirProblem stillInProgress(String idempotencyKey) {
        return FhirProblem.conflict(
                "a request with Idempotency-Key " + idempotencyKey + " is still in progress; retry shortly");
    }
}
