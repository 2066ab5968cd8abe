package io.chartstream.exchange.hl7.infrastructure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The HL7 v2 MLLP listener. */
@ConfigMapping(prefix = "chartstream.hl7")
public interface Hl7Config {

    @WithDefault("true")
    boolean enabled();

    /** 2575 is MLLP's registered port; 0 takes a free one (tests). */
    @WithDefault("2575")
    int port();

    @WithDefault("0.0.0.0")
    String host();

    /** A larger frame closes the connection (an ORU with embedded documents can reach megabytes). */
    @WithDefault("8388608")
    int maxMessageBytes();

    /** A connection silent this long, inside a frame or between frames, is closed. */
    @WithDefault("5m")
    Duration idleTimeout();

    /** TLS on the listener; off by default (plain MLLP, or a TLS-terminating proxy in front). */
    Tls tls();

    interface Tls {

        @WithDefault("false")
        boolean enabled();

        /** The listener's private key and certificate chain: a PKCS#12 file (or {@code key-store-type}). */
        Optional<String> keyStore();

        @WithDefault("PKCS12")
        String keyStoreType();

        Optional<String> keyStorePassword();

        /** Whether a sender must present a certificate the trust store vouches for. */
        @WithDefault("none")
        ClientAuth clientAuth();

        /** Whom sender certificates must chain to; the JDK's CAs when not set. */
        Optional<String> trustStore();

        @WithDefault("PKCS12")
        String trustStoreType();

        Optional<String> trustStorePassword();
    }

    enum ClientAuth {
        NONE,
        WANT,
        REQUIRED
    }
}
