package io.chartstream.exchange.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HIE's privacy office: a real HTTP server that records the break-the-glass alerts the
 * exchange posts to it. Also shortens emergency access so that its expiry can be watched in a test.
 */
@QuarkusTestResource(PrivacyOffice.class)
public class PrivacyOffice implements QuarkusTestResourceLifecycleManager {

    public static final List<String> ALERTS = new CopyOnWriteArrayList<>();
    public static final String EMERGENCY_VALID_FOR = "PT6S";
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/privacy", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                ALERTS.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "chartstream.access.privacy-webhook-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/privacy",
                "chartstream.access.emergency-valid-for",
                EMERGENCY_VALID_FOR,
                "chartstream.access.expiry-check-every",
                "500ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
