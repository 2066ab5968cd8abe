package io.chartstream.contracts.audit;

import io.chartstream.contracts.Topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What exchange-service publishes from its audit trail (docs/events.md): every record as a FHIR R4
 * AuditEvent on {@link Topics#AUDIT_EVENTS} (key: the patient id or {@code none}; header
 * {@link #SEQUENCE_HEADER}: its place in the chain), and anchors ({@link AuditAnchorV1}) on
 * {@link Topics#AUDIT_ANCHORS}. Not CloudEvents: a SIEM reads the AuditEvent as it is.
 */
public final class AuditStreams {

    public static final String SEQUENCE_HEADER = "chartstream-audit-sequence";
    /** The approved example of an anchor (classpath resource). */
    public static final String APPROVED_ANCHOR = "/io/chartstream/contracts/approved/audit-anchor.v1.json";

    private AuditStreams() {}

    public static String approvedAnchor() {
        try (InputStream in = AuditStreams.class.getResourceAsStream(APPROVED_ANCHOR)) {
            if (in == null) {
                throw new IllegalStateException(APPROVED_ANCHOR + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
