package io.chartstream.exchange.relationship.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.exchange.access.domain.AccessEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Alerts the HIE's privacy office at once when someone breaks the glass: a JSON POST of the
 * {@code EmergencyAccessGranted.v1} event to the configured webhook, retried three times. The
 * durable channel is the event itself on {@code chartstream.exchange.events} (the auditors'
 * feed); this webhook is the immediate nudge and is best effort.
 */
@ApplicationScoped
public class PrivacyAlerts {

    private static final Logger LOG = Logger.getLogger(PrivacyAlerts.class);
    private static final int ATTEMPTS = 3;

    private final AccessConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PrivacyAlerts(AccessConfig config) {
        this.config = config;
    }

    public void send(AccessEvent event) {
        if (!(event instanceof AccessEvent.EmergencyAccessGranted granted)
                || config.privacyWebhookUrl().isEmpty()) {
            return;
        }
        ObjectNode alert = ContractJson.mapper().createObjectNode();
        alert.put("type", ExchangeContracts.EMERGENCY_ACCESS_GRANTED.typeName());
        alert.set("data", ContractJson.tree(ContractJson.write(granted)));
        String body = alert.toString();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(config.privacyWebhookUrl().get()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        attempt(request, 1);
    }

    private void attempt(HttpRequest request, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean delivered = error == null && response.statusCode() / 100 == 2;
            if (delivered) {
                return;
            }
            String why = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= ATTEMPTS) {
                LOG.errorf("privacy alert not delivered to %s after %d attempts: %s", request.uri(), attempt, why);
                return;
            }
            CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS).execute(() -> attempt(request, attempt + 1));
        });
    }
}
