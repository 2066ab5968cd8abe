package io.chartstream.eventsourcing.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A service's background jobs (expiry, flushing, publishing) each run on one named daemon thread. */
public final class DaemonTimers {

    private DaemonTimers() {}

    /** One thread named {@code name}, a daemon, so that it never keeps a stopping service alive. */
    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
