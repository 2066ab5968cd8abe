package io.chartstream.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published event type: {@code io.chartstream.<service>.<PastTenseName>.v<N>}. The name,
 * never a Java class name, is what is stored and published, so renaming a class breaks nothing.
 */
public record EventType(String service, String event, int version) {

    private static final Pattern NAME =
            Pattern.compile("io\\.chartstream\\.([a-z]+)\\.([A-Z][A-Za-z]+)\\.v([1-9][0-9]*)");

    public EventType {
        if (!NAME.matcher("io.chartstream." + service + "." + event + ".v" + version)
                .matches()) {
            throw new IllegalArgumentException("io.chartstream." + service + "." + event + ".v" + version
                    + " is not of the form " + "io.chartstream.<service>.<PastTenseName>.v<N>");
        }
    }

    public static EventType parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    name + " is not of the form io.chartstream.<service>.<PastTenseName>.v<N>");
        }
        return new EventType(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    public static boolean isWellFormed(String name) {
        return NAME.matcher(name).matches();
    }

    /** The published name, e.g. {@code io.chartstream.patient.PatientRegistered.v1}. */
    public String value() {
        return "io.chartstream." + service + "." + event + ".v" + version;
    }

    @Override
    public String toString() {
        return value();
    }
}
