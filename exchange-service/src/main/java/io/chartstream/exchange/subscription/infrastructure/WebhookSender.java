package io.chartstream.exchange.subscription.infrastructure;

import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.WebhookSignature;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs one signed notification to a receiver; any answer but 2xx, or none, is a failure to retry. */
@ApplicationScoped
public class WebhookSender {

    public static final String EVENT_NUMBER = "X-ChartStream-Event-Number";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** W3C trace context of the write a notification comes from. */
    public static final String TRACEPARENT = "traceparent";

    public DeliveryAttempt send(
            String url, String secret, String organization, long eventNumber, String traceparent, byte[] body) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
            if (traceparent != null) {
                builder.header(TRACEPARENT, traceparent); // the receiver's work joins the write's trace
            }
            HttpRequest request = builder.timeout(Duration.ofSeconds(10))
                    .header("Content-Type", FhirMediaTypes.FHIR_JSON_UTF8)
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                    .header(EVENT_NUMBER, Long.toString(eventNumber))
                    .header(ActingParty.ORGANIZATION_HEADER, organization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new DeliveryAttempt(
                    status >= 200 && status < 300, status, status >= 300 ? "receiver answered " + status : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryAttempt.failed("interrupted");
        } catch (Exception e) {
            return DeliveryAttempt.failed(e.toString());
        }
    }
}
