package io.chartstream.clinical.entry.web;

import java.util.List;

/** A parsable resource that breaks FHIR R4 rules: answered 422 with one issue per finding. */
class InvalidResourceException extends RuntimeException {

    private final List<String> issues;

    InvalidResourceException(List<String> issues) {
        super(String.join("; ", issues));
        this.issues = List.copyOf(issues);
    }

    List<String> issues() {
        return issues;
    }
}
