package io.chartstream.eventsourcing.admin;

import java.time.Instant;

/**
 * An operator's action on the runtime ({@code rebuild} or {@code redrive} of a projection),
 * fired as a CDI event before it is carried out, so a service that keeps an audit trail records
 * it; a synchronous observer that fails refuses the action.
 */
public record AdminAction(String action, String projection, String actor, Instant at) {}
