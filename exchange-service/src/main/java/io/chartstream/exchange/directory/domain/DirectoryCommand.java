package io.chartstream.exchange.directory.domain;

/**
 * What a caller asks of one directory resource (stream {@code directory-<resourceType>-<resourceId>}).
 * The resource comes stamped by the edge: id = resourceId and meta.versionId = the version it
 * would become.
 */
public sealed interface DirectoryCommand {

    String resourceType();

    String resourceId();

    ResourceJson resource();

    /** A new resource under a server-assigned id. */
    record RecordResource(String resourceType, String resourceId, ResourceJson resource) implements DirectoryCommand {}

    /** A new version of an existing resource, based on {@code expectedVersion} (the caller's If-Match). */
    record AmendResource(String resourceType, String resourceId, long expectedVersion, ResourceJson resource)
            implements DirectoryCommand {}
}
