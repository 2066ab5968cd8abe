package io.chartstream.clinical.entry.application;

import java.util.UUID;

/** The subject of an entry is not a person this service has learned from the patient events. */
public class UnknownPersonException extends RuntimeException {

    public UnknownPersonException(UUID personId) {
        super("Patient/" + personId + " is not a known enterprise person id");
    }
}
