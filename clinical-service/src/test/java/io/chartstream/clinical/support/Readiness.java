package io.chartstream.clinical.support;

import static io.restassured.RestAssured.given;

/**
 * Waits, once per test JVM, until the service reports ready (its FHIR validator is loaded), as
 * the gateway and Kubernetes do before sending traffic. Bounded: a service that never gets
 * ready fails the test.
 */
public final class Readiness {

    private static volatile boolean ready;

    private Readiness() {
    }

    public static void await() {
        if (ready) {
            return;
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clinical-service was not ready within 5 minutes");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        ready = true;
    }
}
