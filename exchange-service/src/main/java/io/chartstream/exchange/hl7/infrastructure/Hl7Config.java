package io.chartstream.exchange.hl7.infrastructure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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
}
