package io.chartstream.exchange.directory.domain;

import java.util.List;

/** The FHIR resource types the provider directory owns: who and where care is given. */
public final class DirectoryTypes {

    public static final String ORGANIZATION = "Organization";
    public static final String PRACTITIONER = "Practitioner";
    public static final String PRACTITIONER_ROLE = "PractitionerRole";
    public static final String LOCATION = "Location";

    public static final List<String> ALL = List.of(ORGANIZATION, PRACTITIONER, PRACTITIONER_ROLE, LOCATION);

    private DirectoryTypes() {}

    public static boolean serves(String resourceType) {
        return resourceType != null && ALL.contains(resourceType);
    }
}
