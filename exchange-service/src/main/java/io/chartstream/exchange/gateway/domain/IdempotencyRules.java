package io.chartstream.exchange.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Idempotency keys the way Stripe and the IETF draft use them: per organization, a key names
 * one request; a retry of that request gets the first answer, the same key on a different
 * request is an error. Only answers the owner gave are kept (status below 500): after an
 * outage the client's retry goes through. A claim with no answer after {@code abandonAfter}
 * (the gateway died mid-call) may be taken over.
 */
public final class IdempotencyRules {

    private IdempotencyRules() {}

    public static IdempotencyDecision decide(
            IdempotencyRecord existing, String requestHash, Instant now, Duration abandonAfter) {
        if (!existing.requestHash().equals(requestHash)) {
            return new IdempotencyDecision.Mismatch();
        }
        if (existing.response() != null) {
            return new IdempotencyDecision.Replay(existing.response());
        }
        if (existing.claimedAt().plus(abandonAfter).isBefore(now)) {
            return new IdempotencyDecision.Execute();
        }
        return new IdempotencyDecision.InProgress();
    }

    public static boolean worthKeeping(StoredResponse response) {
        return response.status() < 500;
    }

    /**
     * The id a create under an Idempotency-Key asks its owner to give the new entry: the same for
     * the same organization, key and request ({@code fingerprint}), so the owner makes one entry of
     * it however often it arrives, even when the gateway's own record of the key is gone.
     */
    public static String requestedId(String organization, String key, String fingerprint) {
        return UUID.nameUUIDFromBytes(
                        ("create:" + organization + "\n" + key + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** SHA-256 over everything that makes two requests the same request. */
    public static String fingerprint(String method, String path, String ifMatch, String ifNoneExist, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {method, path, ifMatch, ifNoneExist, body}) {
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(part == null ? -1 : bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
