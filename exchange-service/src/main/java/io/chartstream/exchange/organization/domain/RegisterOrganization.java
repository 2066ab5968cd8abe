package io.chartstream.exchange.organization.domain;

/** An operator asks to add an organization to the directory; webhook URL and secret are optional. */
public record RegisterOrganization(String id, String name, String webhookUrl, String webhookSecret) {}
