package io.chartstream.loader.http;

/** What the server made of one chunk. */
public sealed interface Answer {

    /** 200 or 201: the body is the transaction-response or batch-response bundle. */
    record Accepted(int status, String body) implements Answer {}

    /** Refused, or no answer after every retry: status 0 when nothing answered. */
    record Refused(int status, String reason) implements Answer {}
}
