package io.chartstream.exchange.gateway.domain;

/** An owner's answer to a forwarded write, as the gateway passes it on (and keeps it for retries). */
public record StoredResponse(
        int status, String contentType, String body, String etag, String location, String position) {}
