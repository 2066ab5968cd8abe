package io.chartstream.loader.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} of a chunk: SHA-256 of the file name, the chunk's index and its
 * bytes. A retry sends the same bytes, so the same key, and the gateway answers it from its
 * record instead of writing again; so does a rerun of the same folder, whose later chunks carry the
 * ids of the replayed earlier ones. Any change to the chunk is a new key.
 */
public final class IdempotencyKey {

    private IdempotencyKey() {}

    public static String of(String fileName, int chunkIndex, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(fileName.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(Integer.toString(chunkIndex).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
