package io.chartstream.loader;

import io.chartstream.loader.bundle.ChunkLimits;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoaderOptionsTest {

    @Test
    void defaultsLoadIntoTheGatewayAsTheRiversideClinic() {
        LoaderOptions options = LoaderOptions.parse("/tmp/syn");

        assertEquals(Path.of("/tmp/syn"), options.folder());
        assertEquals(URI.create("http://localhost:8083/fhir"), options.base());
        assertTrue(options.auth());
        assertEquals("riverside-clinic-system", options.client());
        assertEquals(2, options.threads());
        assertEquals(ChunkLimits.DEFAULT, options.limits());
        assertEquals(new ChunkLimits(1000, 8 * 1024 * 1024), options.limits());
    }

    @Test
    void aPlainFhirServerNeedsNoToken() {
        LoaderOptions options = LoaderOptions.parse(
                "--base",
                "http://127.0.0.1:8080/fhir",
                "--no-auth",
                "/tmp/syn",
                "--threads",
                "4",
                "--max-bytes",
                "512k");

        assertFalse(options.auth());
        assertEquals(4, options.threads());
        assertEquals(512 * 1024, options.limits().maxBytes());
    }

    @Test
    void theServedPagesAreSavedWhereAskedOnlyAlongsideVerify() {
        LoaderOptions options = LoaderOptions.parse("/tmp/syn", "--verify", "--save-served", "/tmp/served");

        assertTrue(options.verify());
        assertEquals(Path.of("/tmp/served"), options.saveServed());
        assertEquals(null, LoaderOptions.parse("/tmp/syn", "--verify").saveServed());
        assertThrows(
                IllegalArgumentException.class, () -> LoaderOptions.parse("/tmp/syn", "--save-served", "/tmp/served"));
    }

    @Test
    void sizesAcceptUnits() {
        assertEquals(8L * 1024 * 1024, LoaderOptions.size("8MiB"));
        assertEquals(8L * 1024 * 1024, LoaderOptions.size("8m"));
        assertEquals(1500, LoaderOptions.size("1500"));
        assertThrows(IllegalArgumentException.class, () -> LoaderOptions.size("lots"));
    }

    @Test
    void mistakesAreNamed() {
        assertThrows(IllegalArgumentException.class, LoaderOptions::parse);
        assertThrows(IllegalArgumentException.class, () -> LoaderOptions.parse("/a", "/b"));
        assertThrows(IllegalArgumentException.class, () -> LoaderOptions.parse("/a", "--threads", "0"));
        assertThrows(IllegalArgumentException.class, () -> LoaderOptions.parse("/a", "--base"));
    }
}
