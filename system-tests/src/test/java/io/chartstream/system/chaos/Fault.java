package io.chartstream.system.chaos;

import java.time.Duration;
import java.util.List;

/**
 * One fault of the suite: how it is injected, how it is healed, and which gateways the clients may
 * use meanwhile. The load runs from before the injection until after the heal.
 */
record Fault(String name, Step inject, Step heal, List<String> gateways) {

    /** A step of a fault; it may take a while (a restart waits until the part is ready). */
    interface Step {
        void run() throws Exception;
    }

    static Fault of(String name, Step inject, Step heal, List<String> gateways) {
        return new Fault(name, inject, heal, gateways);
    }

    /** Inject, keep the fault for {@code down} while the clients work, then heal. */
    static Step holding(Step inject, Duration down) {
        return () -> {
            inject.run();
            Thread.sleep(down.toMillis());
        };
    }
}
