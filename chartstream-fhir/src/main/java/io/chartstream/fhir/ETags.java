package io.chartstream.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stream versions as HTTP entity tags: {@code ETag: W/"3"} out, {@code If-Match: W/"3"} in. */
public final class ETags {

    private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"([1-9][0-9]{0,17})\"\\s*");

    private ETags() {}

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** The version a writer based its change on; a write without one could overwrite silently (428). */
    public static long expectedFrom(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new FhirProblem(
                    428,
                    IssueType.REQUIRED,
                    "an update needs If-Match: W/\"<version>\" with the version it is based on");
        }
        Matcher m = TAG.matcher(ifMatch);
        if (!m.matches()) {
            throw FhirProblem.invalid("If-Match must read W/\"<version>\", not " + ifMatch);
        }
        return Long.parseLong(m.group(1));
    }
}
