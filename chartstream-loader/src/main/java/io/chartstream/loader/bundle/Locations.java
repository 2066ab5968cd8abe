package io.chartstream.loader.bundle;

import org.hl7.fhir.r4.model.IdType;

import java.util.Optional;

/** What a reference to a created resource looks like, from the location a server answered. */
public final class Locations {

    private Locations() {}

    /**
     * {@code Observation/123/_history/1} or {@code http://host/fhir/Observation/123/_history/1}
     * becomes {@code Observation/123}; a location without type and id is empty.
     */
    public static Optional<String> typeAndId(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        IdType id = new IdType(location);
        if (!id.hasResourceType() || !id.hasIdPart()) {
            return Optional.empty();
        }
        return Optional.of(id.getResourceType() + "/" + id.getIdPart());
    }
}
