package io.chartstream.loader.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IdempotencyKeyTest {

    private static final byte[] BODY = "x".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameFileChunkAndBytesGiveTheSameKeyOnEveryRun() {
        // sha256("a\0" + "0\0" + "x"), as `printf 'a\0000\000x' | sha256sum` prints it
        assertEquals(
                "57a37aaaba018d349ff5cfc8b423dd7a26e6a08a42c7e8eb4007dff5a9134e1a", IdempotencyKey.of("a", 0, BODY));
        assertEquals(IdempotencyKey.of("a", 0, BODY), IdempotencyKey.of("a", 0, "x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anotherFileChunkOrBodyIsAnotherKey() {
        String key = IdempotencyKey.of("a", 0, BODY);

        assertNotEquals(key, IdempotencyKey.of("b", 0, BODY));
        assertNotEquals(key, IdempotencyKey.of("a", 1, BODY));
        assertNotEquals(key, IdempotencyKey.of("a", 0, "y".getBytes(StandardCharsets.UTF_8)));
        // the separators keep "a1" + chunk 0 apart from "a" + chunk 10
        assertNotEquals(IdempotencyKey.of("a1", 0, BODY), IdempotencyKey.of("a", 10, BODY));
    }
}
