package io.chartstream.portal.record;

import java.time.Duration;

/** Waits for an eventually consistent view: retries an assertion until it passes or time runs out. */
public final class Eventually {

    private Eventually() {
    }

    public static void eventually(Runnable assertion) {
        eventually(Duration.ofSeconds(30), assertion);
    }

    public static void eventually(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
