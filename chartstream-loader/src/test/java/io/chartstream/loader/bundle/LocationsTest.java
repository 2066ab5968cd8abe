package io.chartstream.loader.bundle;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocationsTest {

    @Test
    void locationBecomesTypeAndIdWithoutVersionOrBase() {
        assertEquals(Optional.of("Observation/123"), Locations.typeAndId("Observation/123/_history/1"));
        assertEquals(
                Optional.of("Patient/abc"), Locations.typeAndId("http://localhost:8080/fhir/Patient/abc/_history/3"));
        assertEquals(Optional.of("Encounter/9"), Locations.typeAndId("Encounter/9"));
    }

    @Test
    void noLocationIsNoId() {
        assertEquals(Optional.empty(), Locations.typeAndId(null));
        assertEquals(Optional.empty(), Locations.typeAndId(""));
        assertEquals(Optional.empty(), Locations.typeAndId("123"));
    }
}
