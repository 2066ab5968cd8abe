package io.chartstream.contracts;

import java.util.List;

/** The Kafka topics of the exchange. Record topics keep events forever; feeds are per organization. */
public final class Topics {

    public static final String PATIENT_EVENTS = "chartstream.patient.events";
    public static final String CLINICAL_EVENTS = "chartstream.clinical.events";
    public static final String EXCHANGE_EVENTS = "chartstream.exchange.events";
    public static final String PORTAL_EVENTS = "chartstream.portal.events";
    /**
     * The audit trail for a SIEM, every disclosure and refusal among it: FHIR AuditEvents, not
     * CloudEvents (see audit.AuditStreams).
     */
    public static final String AUDIT_EVENTS = "chartstream.audit.events";
    /** Anchors of the audit chain's head (audit.AuditAnchorV1). */
    public static final String AUDIT_ANCHORS = "chartstream.audit.anchors";

    /** The topics a new consumer can rebuild any view from, starting at offset 0. */
    public static final List<String> RECORD_TOPICS =
            List.of(PATIENT_EVENTS, CLINICAL_EVENTS, EXCHANGE_EVENTS, PORTAL_EVENTS);

    private static final String FEED_PREFIX = "chartstream.org.";
    private static final String FEED_SUFFIX = ".feed";
    private static final String DEAD_LETTER_PREFIX = "chartstream.dlq.";

    private Topics() {}

    /** {@code chartstream.org.<orgId>.feed}: the changes to one organization's view of its persons. */
    public static String feedOf(String organization) {
        return FEED_PREFIX + organization + FEED_SUFFIX;
    }

    /** {@code chartstream.dlq.<projection>}: events a projection refused, with the reason in headers. */
    public static String deadLetterOf(String projection) {
        return DEAD_LETTER_PREFIX + projection;
    }
}
