package io.chartstream.clinical;

import io.chartstream.contracts.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code chartstream.clinical.*} in application.properties. */
@ConfigMapping(prefix = "chartstream.clinical")
public interface ClinicalConfig {

    /** patient-service's record topic, where persons are learned from. */
    @WithDefault(Topics.PATIENT_EVENTS)
    String patientTopic();

    /** How long a write waits for a just-registered person to reach the known-persons view before a 422. */
    @WithDefault("2s")
    Duration unknownSubjectWait();
}
