package io.chartstream.portal.sharing.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameOriginTest {

    @Test
    void aPostFromThePortalsOwnPagePasses() {
        assertTrue(SameOrigin.allows("http://localhost:8080", "same-origin", "localhost:8080"));
    }

    @Test
    void aPostFromAnotherSiteIsRefused() {
        assertFalse(SameOrigin.allows("https://evil.example", "cross-site", "localhost:8080"));
        assertFalse(SameOrigin.allows("https://evil.example", null, "localhost:8080"));
        assertFalse(SameOrigin.allows(null, "same-site", "localhost:8080"));
        assertFalse(SameOrigin.allows("null", null, "localhost:8080"));
    }

    @Test
    void aClientThatSendsNeitherHeaderPasses() {
        assertTrue(SameOrigin.allows(null, null, "localhost:8080"));
    }
}
