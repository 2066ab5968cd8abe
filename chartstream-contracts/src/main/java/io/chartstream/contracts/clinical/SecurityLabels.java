package io.chartstream.contracts.clinical;

import java.util.List;

/**
 * The security labels (FHIR {@code meta.security}, HL7 DS4P) an entry carries in every event and
 * every served copy. clinical-service assigns them at ingest from its versioned code lists and
 * keeps the ones a source set; the exchange decides from them what each organization may see.
 */
public final class SecurityLabels {

    public static final String CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    /** Confidentiality R (restricted): set on every sensitive entry. */
    public static final String RESTRICTED = "R";

    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** Substance use disorder information sensitivity. */
    public static final String SUBSTANCE_USE = "ETH";
    /** HIV/AIDS information sensitivity. */
    public static final String HIV = "HIV";
    /** Psychiatry (mental health) information sensitivity. */
    public static final String MENTAL_HEALTH = "PSY";
    /** Sexuality and reproductive health information sensitivity. */
    public static final String SEXUAL_AND_REPRODUCTIVE_HEALTH = "SEX";
    /** 42 CFR Part 2: withheld unless the patient consents to share it with a named organization. */
    public static final String PART_2 = "42CFRPart2";

    /** The categories a patient may withhold (v3 ActCode sensitivity codes). */
    public static final List<String> CATEGORIES =
            List.of(SUBSTANCE_USE, HIV, MENTAL_HEALTH, SEXUAL_AND_REPRODUCTIVE_HEALTH);

    private SecurityLabels() {}
}
