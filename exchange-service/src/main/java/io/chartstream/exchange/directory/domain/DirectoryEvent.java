package io.chartstream.exchange.directory.domain;

/**
 * What happens to a resource of the provider directory, one event shape for all four types (the
 * type is data, not a class). Each event carries the whole resource of the version it creates, so
 * a consumer never needs an earlier event to show it. No person is concerned: the subject is the
 * resource id.
 */
public sealed interface DirectoryEvent {

    String resourceType();

    String resourceId();

    ResourceJson resource();

    record DirectoryResourceRecorded(String resourceType, String resourceId, ResourceJson resource)
            implements DirectoryEvent {}

    /** The resource was replaced by a new version; {@code resource} is that version. */
    record DirectoryResourceAmended(String resourceType, String resourceId, ResourceJson resource)
            implements DirectoryEvent {}
}
