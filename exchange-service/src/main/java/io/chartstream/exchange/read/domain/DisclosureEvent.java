package io.chartstream.exchange.read.domain;

import java.util.UUID;

/** The disclosure audit: every read of a person's record through the gateway. */
public sealed interface DisclosureEvent {

    /** {@code at} is ISO-8601 (docs/events.md); {@code purpose} a v3 PurposeOfUse code (TREAT). */
    record RecordDisclosed(
            UUID disclosureId, UUID personId, String organization, String actor, String purpose, String what, String at)
            implements DisclosureEvent {}
}
