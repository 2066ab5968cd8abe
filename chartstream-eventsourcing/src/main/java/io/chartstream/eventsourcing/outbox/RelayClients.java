package io.chartstream.eventsourcing.outbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;

import java.util.function.Supplier;

/**
 * How the relay makes its Kafka clients: a producer, made again when the one it has cannot publish
 * any more (docs/decisions.md §45), and an admin client to ask whether a new topic is served yet.
 * The relay owns and closes what they make.
 */
public record RelayClients(Supplier<Producer<String, byte[]>> producers, Supplier<Admin> admins) {}
