package io.chartstream.exchange.view.domain;

import java.time.LocalDate;

/**
 * What a Patient search asks of an organization's view; null means not asked. {@code identifierSystem}
 * is null for a bare value (any system). Names match case-insensitively from their start, as FHIR
 * string search does.
 */
public record PatientCriteria(
        String identifierSystem, String identifierValue, String family, String given, LocalDate birthDate) {

    public boolean isEmpty() {
        return identifierValue == null && family == null && given == null && birthDate == null;
    }
}
