package io.chartstream.clinical.support;

import io.chartstream.testsupport.Eventually;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/**
 * Waits, once per test JVM, until the service reports ready (its FHIR validator is loaded), as
 * the gateway and Kubernetes do before sending traffic. Bounded: a service that never gets
 * ready fails the test.
 */
public final class Readiness {

    private static volatile boolean ready;

    private Readiness() {}

    public static void await() {
        if (ready) {
            return;
        }
        Eventually.within(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .alias("clinical-service ready")
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        ready = true;
    }
}
