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

    /** Longer than the owner call can take (connect 2 s + read 15 s). */
    private static final Duration ABANDON_AFTER = Duration.ofSeconds(60);

    public record Outcome(StoredResponse response, boolean replayed) {}

    private final OwnerForwarder forwarder;
    private final IdempotencyTable table;

    public IdempotentWrites(OwnerForwarder forwarder, IdempotencyTable table) {
        this.forwarder = forwarder;
        this.table = table;
    }

    public Outcome forward(ForwardedWrite write, String idempotencyKey) throws SQLException {
        if (idempotencyKey == null) {
            return new Outcome(forwarder.forward(write), false);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw FhirProblem.invalid("Idempotency-Key must be 1-255 characters");
        }
        String org = write.caller().organization();
        String hash = IdempotencyRules.fingerprint(
                write.method(), write.path(), write.ifMatch(), write.ifNoneExist(), write.body());
        Optional<IdempotencyRecord> existing = table.claim(org, idempotencyKey, hash);
        if (existing.isPresent()) {
            IdempotencyDecision decision = IdempotencyRules.decide(existing.get(), hash, Instant.now(), ABANDON_AFTER);
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
        // a create names its entry's id, so that a second forwarding of it (after a lost answer or
        // a lost claim) is the same entry at the owner, not a second one
        ForwardedWrite forwarded = write.id() == null && !write.isPatient()
                ? write.withRequestedId(IdempotencyRules.requestedId(org, idempotencyKey, hash))
                : write;
        StoredResponse response;
        try {
            response = forwarder.forward(forwarded);
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

    private static FhirProblem stillInProgress(String idempotencyKey) {
        return FhirProblem.conflict(
                "a request with Idempotency-Key " + idempotencyKey + " is still in progress; retry shortly");
    }
}
