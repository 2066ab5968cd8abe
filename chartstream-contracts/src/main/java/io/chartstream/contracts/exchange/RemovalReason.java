package io.chartstream.contracts.exchange;

/**
 * Why a resource left an organization's view, where the feed says it: a {@code meta.tag} on the
 * stub of a {@code removed} ViewChanged.v1 (and the webhook's DELETE entry outcome). Only an
 * entry entered in error says so for now; a removal without the tag is a disclosure decision
 * (consent, a block, an ended relationship), which is not explained to the organization.
 */
public final class RemovalReason {

    public static final String SYSTEM = "https://chartstream.io/fhir/CodeSystem/view-removal";

    /** The recording organization withdrew the entry (clinical {@code EntryEnteredInError.v1}). */
    public static final String ENTERED_IN_ERROR = "entered-in-error";

    private RemovalReason() {}
}
