package io.chartstream.exchange.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hospital's webhook endpoint: a real HTTP server on 127.0.0.1 that records what it receives
 * (bytes and headers) and answers the statuses it is scripted to, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(byte[] body, Map<String, List<String>> headers, int answeredWith, long receivedAtMillis) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public WebhookReceiver(Integer... firstAnswers) throws IOException {
        script.addAll(List.of(firstAnswers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            deliveries.add(
                    new Delivery(body, Map.copyOf(exchange.getRequestHeaders()), status, System.currentTimeMillis()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    public List<Delivery> acknowledged() {
        return deliveries.stream().filter(d -> d.answeredWith() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
