package io.chartstream.exchange.view.domain;

import java.util.UUID;

/** One change to one organization's view of one person. */
public record ViewChange(String organization, UUID personId, ChangeKind change, VersionedResource resource) {}
