package io.chartstream.portal.record.web;

import io.chartstream.portal.record.domain.PatientRecord.Reaction;
import io.quarkus.qute.TemplateExtension;

import java.util.ArrayList;
import java.util.List;

/** How values read on a page: {@code {fmt:date(o.effective)}}, {@code {fmt:words(c.clinicalStatus)}}. */
@TemplateExtension(namespace = "fmt")
final class PortalFormats {

    private PortalFormats() {}

    /** A FHIR date or dateTime for reading: "2024-03-01T08:30:00-05:00" becomes "2024-03-01 08:30". */
    static String date(String fhirDate) {
        if (fhirDate == null || fhirDate.isBlank()) {
            return "";
        }
        int t = fhirDate.indexOf('T');
        if (t < 0 || fhirDate.length() < t + 6) {
            return fhirDate;
        }
        return fhirDate.substring(0, t) + " " + fhirDate.substring(t + 1, t + 6);
    }

    /** A code as words: "entered-in-error" becomes "Entered in error". */
    static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String spaced = code.replace('-', ' ').replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** "Hives, Wheezing (severe); Nausea". */
    static String reactions(List<Reaction> reactions) {
        List<String> parts = new ArrayList<>();
        for (Reaction reaction : reactions) {
            String what = String.join(", ", reaction.manifestations());
            if (reaction.severity() != null) {
                what = what.isEmpty() ? reaction.severity() : what + " (" + reaction.severity() + ")";
            }
            if (!what.isEmpty()) {
                parts.add(what);
            }
        }
        return String.join("; ", parts);
    }
}
