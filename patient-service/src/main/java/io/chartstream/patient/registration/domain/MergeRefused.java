package io.chartstream.patient.registration.domain;

/**
 * A merge or unmerge the persons' current states do not allow: a person merged already (only a
 * person of its own may be merged or survive), a person into itself, or an unmerge of persons
 * that are not merged that way.
 */
public class MergeRefused extends RuntimeException {

    public MergeRefused(String message) {
        super(message);
    }
}
