package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.MatchRecord;

import java.util.List;
import java.util.UUID;

/**
 * What decisions §34's option asks of the index, asked only about a candidate certain but for
 * corroboration: how often its name is filed, how large the index is, and the identifiers on
 * both sides for the veto.
 */
public interface UncorroboratedLinkFacts {

    /** Records filed under the name's sound (BlockingKeys#nameKey). */
    long nameRecords(MatchRecord known);

    /** Records in the index. */
    long indexRecords();

    /** Every identifier linked to the person, of every organization. */
    List<Identifier> identifiersOf(UUID person);

    /** Every identifier the submitted Patient carries, other organizations' and the SSN included. */
    List<Identifier> submittedIdentifiers();
}
