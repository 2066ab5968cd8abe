package io.chartstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.deploy.ManifestCheckTest.Doc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every connection pool that may be open at once fits below PostgreSQL's {@code max_connections}:
 * each service's pool times its most pods (the autoscaler's maximum, or KEDA's from
 * deploy/k8s/optional, plus the rolling update's surge), Keycloak's pool times its instances, and
 * a reserve for the superuser, the replicas' streaming and the operator. Without this, an
 * autoscaled exchange runs out of connections exactly under load (the services' own default pool
 * is 20, four services at six pods would be 480, and Keycloak's default is 100 per instance).
 */
class DatabaseConnectionBudgetTest {

    /** superuser_reserved_connections, the standbys' streaming, CloudNativePG's instance manager, an operator's psql. */
    static final int RESERVE = 20;

    static final String POOL = "QUARKUS_DATASOURCE_JDBC_MAX_SIZE";

    @Test
    void everyPoolThatMayBeOpenAtOnceFitsBelowMaxConnections() throws IOException {
        List<Doc> docs = ManifestCheckTest.allDocuments();
        int maxConnections = docs.stream()
                .filter(d -> d.source().startsWith("base/") && d.kind().equals("Cluster"))
                .mapToInt(d -> d.node()
                        .path("spec")
                        .path("postgresql")
                        .path("parameters")
                        .path("max_connections")
                        .asInt())
                .findFirst()
                .orElseThrow();

        Map<String, Integer> connections = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Doc d : docs) {
            if (!d.source().startsWith("base/") || !d.kind().equals("Deployment")) continue;
            JsonNode pool = poolSetting(d.node());
            if (pool == null) {
                problems.add(d.where() + ": no " + POOL + " (the service's default pool of 20 would apply)");
                continue;
            }
            int pods = mostPods(docs, d.name())
                    + d.node()
                            .path("spec")
                            .path("strategy")
                            .path("rollingUpdate")
                            .path("maxSurge")
                            .asInt(1);
            connections.put(d.name(), pods * pool.asInt());
        }
        for (Doc d : docs) {
            if (!d.source().startsWith("base/") || !d.kind().equals("Keycloak")) continue;
            JsonNode pool = d.node().path("spec").path("db").path("poolMaxSize");
            if (pool.isMissingNode()) {
                problems.add(d.where() + ": no spec.db.poolMaxSize (Keycloak's default pool of 100 would apply)");
                continue;
            }
            connections.put(d.name(), d.node().path("spec").path("instances").asInt(1) * pool.asInt());
        }
        assertEquals(List.of(), problems);
        assertTrue(
                connections
                        .keySet()
                        .containsAll(List.of(
                                "exchange-service",
                                "patient-service",
                                "clinical-service",
                                "portal-service",
                                "chartstream-keycloak")),
                "every pool is counted: " + connections);
        int total = connections.values().stream().mapToInt(Integer::intValue).sum() + RESERVE;
        assertTrue(
                total <= maxConnections,
                "pools " + connections + " + reserve " + RESERVE + " = " + total + " > max_connections "
                        + maxConnections);
    }

    /** The pool size a Deployment's first container sets in its environment, or null. */
    static JsonNode poolSetting(JsonNode deployment) {
        for (JsonNode env : deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0)
                .path("env")) {
            if (POOL.equals(env.path("name").asText())) return env.path("value");
        }
        return null;
    }

    /** The most pods a Deployment may have: its replicas, or the largest maximum an autoscaler for it sets. */
    static int mostPods(List<Doc> docs, String deployment) {
        int most = 0;
        for (Doc d : docs) {
            JsonNode spec = d.node().path("spec");
            if (!deployment.equals(spec.path("scaleTargetRef").path("name").asText())) continue;
            if (d.kind().equals("HorizontalPodAutoscaler"))
                most = Math.max(most, spec.path("maxReplicas").asInt());
            if (d.kind().equals("ScaledObject"))
                most = Math.max(most, spec.path("maxReplicaCount").asInt());
        }
        if (most > 0) return most;
        return docs.stream()
                .filter(d -> d.kind().equals("Deployment") && d.name().equals(deployment))
                .mapToInt(d -> d.node().path("spec").path("replicas").asInt(1))
                .max()
                .orElse(1);
    }
}
