package io.chartstream.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Hands a {@code @QuarkusTest} the addresses of the real PostgreSQL and Kafka broker of this
 * test JVM, and the public key that verifies {@link TestTokens}. Init arg {@code database}
 * names the service's own database.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database = "chartstream";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", SharedPostgres.jdbcUrl(database),
                "quarkus.datasource.username", SharedPostgres.username(),
                "quarkus.datasource.password", SharedPostgres.password(),
                "kafka.bootstrap.servers", SharedKafka.bootstrapServers(),
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // PostgreSQL and Kafka live for the whole test JVM and stop with it.
    }
}
