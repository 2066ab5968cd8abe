package io.chartstream.exchange.bundle.domain;

import java.util.List;

/** Who owns an entry of a Bundle, and so in which order a transaction writes it. */
public enum EntryKind {
    /** The provider directory (Organization, Practitioner, PractitionerRole, Location): written first. */
    DIRECTORY,
    /** A registration with patient-service: written second, its person id resolves the entries' references. */
    PATIENT,
    /** A clinical entry: all of a transaction's, together, in one call to clinical-service. */
    CLINICAL;

    /** The owner of {@code resourceType}, or null when the exchange does not serve it. */
    public static EntryKind of(String resourceType, List<String> directoryTypes, List<String> clinicalTypes) {
        if ("Patient".equals(resourceType)) {
            return PATIENT;
        }
        if (directoryTypes.contains(resourceType)) {
            return DIRECTORY;
        }
        return clinicalTypes.contains(resourceType) ? CLINICAL : null;
    }
}
