package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.domain.Sharing.Relationship;
import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the sharing page words things: {@code {share:when(r.since)}}, {@code {share:basis(r)}}. */
@TemplateExtension(namespace = "share")
final class SharingFormats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private SharingFormats() {}

    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Why the organization may see the record, in the patient's words. */
    static String basis(Relationship r) {
        return switch (r.basis()) {
            case "identifier" -> "Registered you (holds your record number " + identifierValue(r.detail()) + ")";
            case "treatment-attestation" ->
                "Declared it is treating you"
                        + (r.actor() != null ? " (" + r.actor() + ")" : "")
                        + (r.detail() != null ? ": " + r.detail() : "");
            case "emergency-access" -> "Emergency access (break-the-glass)";
            default -> r.basis();
        };
    }

    static String endReason(String reason) {
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case "revoked" -> "The organization ended it";
            case "blocked" -> "You blocked the organization";
            case "expired" -> "Its time ran out";
            case "inactive" -> "No activity for a long time";
            default -> reason;
        };
    }

    /** "urn:riverside:mrn|MRN-1001" reads as "MRN-1001". */
    private static String identifierValue(String detail) {
        if (detail == null) {
            return "";
        }
        int bar = detail.indexOf('|');
        return bar < 0 ? detail : detail.substring(bar + 1);
    }
}
