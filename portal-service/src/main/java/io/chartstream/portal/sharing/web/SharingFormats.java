package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.domain.Disclosure;
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

    /** What an audit record says happened, in the patient's words. */
    static String activity(Disclosure d) {
        String what = String.join(", ", d.what());
        String verb = switch (d.kind()) {
            case "operation" -> what.contains("$everything") ? "Opened your whole record" : "Ran " + what;
            case "read" -> "Read " + resource(what);
            case "search-type" -> "Searched your " + resource(what);
            case "create" -> "Wrote to your record (" + resource(what) + ")";
            case "attest-treatment" -> "Declared it is treating you";
            case "break-the-glass" -> "Opened your record in an emergency (break-the-glass)";
            case "relationship-ended" -> "Its access to your record ended";
            case "consent-recorded" -> "Your sharing choices were recorded";
            case "feed-record" -> "Received " + what(d) + " through its feed";
            case "webhook-notification" -> "Was notified of " + what(d);
            case "events-answer" -> "Fetched " + what(d) + " it had missed";
            case "portal-view" -> "You looked at " + portalPage(d);
            case "relationship-started" -> "Began to see your record (it registered you with its own record number)";
            default -> words(d.kind()) + (what.isEmpty() ? "" : " " + what);
        };
        return d.refused() ? verb + " — refused" : verb;
    }

    /** The resources a line names, without the operation labels. */
    private static String what(Disclosure d) {
        return d.what().stream().filter(w -> w.contains("/")).findFirst().orElse("a change to your record");
    }

    private static String portalPage(Disclosure d) {
        String page = d.what().stream()
                .filter(w -> w.startsWith("portal/"))
                .findFirst()
                .orElse("portal/record");
        return switch (page) {
            case "portal/sharing" -> "who can see your record";
            case "portal/disclosures" -> "who saw your record";
            case "portal/api/record" -> "your record (through the portal's API)";
            default -> "your record";
        };
    }

    /** A purpose of use code in words. */
    static String purpose(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "TREAT" -> "Treatment";
            case "ETREAT" -> "Emergency treatment";
            case "PATRQT" -> "Your own request";
            default -> code;
        };
    }

    /** "Observation/read" and "Observation?patient" read as "Observation". */
    private static String resource(String what) {
        int cut = what.indexOf('/') >= 0 ? what.indexOf('/') : what.indexOf('?');
        return cut < 0 ? what : what.substring(0, cut);
    }

    private static String words(String code) {
        return code == null || code.isEmpty()
                ? ""
                : Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' ');
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
