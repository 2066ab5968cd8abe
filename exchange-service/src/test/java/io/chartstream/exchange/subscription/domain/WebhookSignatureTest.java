package io.chartstream.exchange.subscription.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureMatchesWhatOpensslComputesOverTheSameBytes() {
        // printf '{"resourceType":"Bundle"}' | openssl dgst -sha256 -hmac demo-webhook-secret
        assertEquals(
                "sha256=1234d48c06b72addd6cf5a2143af7067f5d2319d8e16b7113d270da7d9ec6db7",
                WebhookSignature.sign("demo-webhook-secret", BODY));
    }

    @Test
    void receiverVerifiesTheExactBytesWithTheSharedSecret() {
        String header = WebhookSignature.sign("demo-webhook-secret", BODY);
        assertTrue(WebhookSignature.verify("demo-webhook-secret", BODY, header));
        assertFalse(WebhookSignature.verify("other-secret", BODY, header));
        assertFalse(WebhookSignature.verify(
                "demo-webhook-secret", "{\"resourceType\": \"Bundle\"}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(WebhookSignature.verify("demo-webhook-secret", BODY, null));
    }
}
