package io.chartstream.eventsourcing.admin;

import java.time.Instant;

/**
 * An operator's action on the runtime ({@code rebuild} or {@code redrive} of a projection, whose
 * name is the target; {@code outbox-redrive} of a parked event, whose position is the target), fired as a CDI event before it is carried out, so a service that keeps an audit trail records
 * it; a synchronous observer that fails refuses the action.
 */
public record AdminAction(String action, String target, String actor, Instant at) {}
