package io.chartstream.patient.registration.application;

import io.chartstream.patient.matching.domain.UncorroboratedLink;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Decisions §34's option, for the steering to decide on: a demographic link on name, birth date and
 * gender alone when the name is rare. Off: decisions §9 stands (a link needs address, phone or SSN).
 */
@ConfigMapping(prefix = "chartstream.mpi.uncorroborated-link")
public interface UncorroboratedLinkConfig {

    /** Off unless the steering relaxes decisions §9. */
    @WithDefault("false")
    boolean enabled();

    /** A name is rare when at most this share of the index's records is filed under its sound. */
    @WithDefault("0.0001")
    double maxNameShare();

    /** Below this many records in the index no name counts as rare (a young index knows no frequencies). */
    @WithDefault("10000")
    long minIndexRecords();

    default UncorroboratedLink option() {
        return new UncorroboratedLink(enabled(), maxNameShare(), minIndexRecords());
    }
}
