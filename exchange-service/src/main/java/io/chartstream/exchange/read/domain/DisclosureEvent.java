package io.chartstream.exchange.read.domain;

import java.util.UUID;

/** The disclosure audit: every read of a person's record through the gateway, and every refusal. */
public sealed interface DisclosureEvent {

    /** {@code at} is ISO-8601 (docs/events.md); {@code purpose} a v3 PurposeOfUse code (TREAT). */
    record RecordDisclosed(
            UUID disclosureId, UUID personId, String organization, String actor, String purpose, String what, String at)
            implements DisclosureEvent {}

    /** A refused read or write of a known person's record; {@code reason} {@code no-care-relationship}. */
    record AccessRefused(
            UUID refusalId, UUID personId, String organization, String actor, String what, String reason, String at)
            implements DisclosureEvent {}
}
