package io.chartstream.exchange.hl7feed.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hl7EndpointTest {

    @Test
    void mllpAndMllpsNameHostPortAndTls() {
        assertEquals(
                new Hl7Endpoint("hl7.riverside.example", 2575, false),
                Hl7Endpoint.parse("mllp://hl7.riverside.example:2575"));
        assertEquals(new Hl7Endpoint("10.0.0.7", 6661, true), Hl7Endpoint.parse("MLLPS://10.0.0.7:6661"));
        assertEquals(
                "mllps://10.0.0.7:6661",
                Hl7Endpoint.parse("mllps://10.0.0.7:6661").toString());
    }

    @Test
    void anythingElseIsRefusedWithTheReason() {
        assertTrue(assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("http://h:80"))
                .getMessage()
                .contains("mllp://host:port"));
        assertTrue(assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("mllp://h"))
                .getMessage()
                .contains("port"));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("mllp://h:70000"));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("mllp://h:2575/path"));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("mllp://user@h:2575"));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse(" "));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse(null));
        assertThrows(Hl7Endpoint.Invalid.class, () -> Hl7Endpoint.parse("mllp://bad host:1"));
    }
}
