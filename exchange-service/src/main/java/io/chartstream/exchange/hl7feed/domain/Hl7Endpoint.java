package io.chartstream.exchange.hl7feed.domain;

import java.net.URI;
import java.util.Locale;

/**
 * Where an organization receives its feed as HL7 v2: {@code mllp://host:port}, or
 * {@code mllps://host:port} for MLLP over TLS (the receiver's certificate checked against the
 * exchange's trust store).
 */
public record Hl7Endpoint(String host, int port, boolean tls) {

    /** Not an endpoint the exchange can send to; the message says why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static Hl7Endpoint parse(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new Invalid("endpoint is required: mllp://host:port or mllps://host:port");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new Invalid("endpoint is not a URI: " + endpoint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mllp") && !scheme.equals("mllps")) {
            throw new Invalid("endpoint must be mllp://host:port or mllps://host:port (TLS): " + endpoint);
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new Invalid("endpoint needs a host and a port from 1 to 65535: " + endpoint);
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new Invalid("endpoint is only scheme, host and port: " + endpoint);
        }
        return new Hl7Endpoint(uri.getHost(), uri.getPort(), scheme.equals("mllps"));
    }

    @Override
    public String toString() {
        return (tls ? "mllps://" : "mllp://") + host + ":" + port;
    }
}
