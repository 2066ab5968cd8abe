import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The demo hospital's webhook receiver (st-marys-hospital): verifies each notification's
 * HMAC-SHA256 signature ({@code X-ChartStream-Signature: sha256=<hex>} over the exact body) and
 * appends it to a journal file; GET / lists the newest that arrived (GET /?last=all: every one),
 * across restarts of the receiver. What a hospital integration engineer would write first.
 *
 * <pre>java deploy/demo/WebhookReceiver.java [port] [secret] [journal file]</pre>
 */
public class WebhookReceiver {

    private static final Object JOURNAL_LOCK = new Object();
    private static Path journal;

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK server's response headers and body leave as two small packets,
        // and Nagle + the client's delayed ACK stall every kept-alive request for ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String secret = args.length > 1 ? args[1] : "demo-webhook-secret";
        journal = Path.of(args.length > 2 ? args[2] : "webhook-received.txt");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/webhook", exchange -> receive(exchange, secret));
        server.createContext("/", WebhookReceiver::list);
        server.setExecutor(Executors.newFixedThreadPool(4)); // a long page must not hold up notifications
        server.start();
        System.out.println("webhook receiver listening on http://localhost:" + port + "/webhook");
    }

    private static void receive(HttpExchange exchange, String secret) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, "POST only\n");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("X-ChartStream-Signature");
        boolean valid = signature != null && MessageDigest.isEqual(
                signature.getBytes(StandardCharsets.UTF_8), ("sha256=" + hmac(secret, body)).getBytes(StandardCharsets.UTF_8));
        String line = Instant.now() + " " + (valid ? "VALID" : "INVALID") + " signature, " + body.length + " bytes: "
                + new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        synchronized (JOURNAL_LOCK) {
            // journaled before the 200: a notification acknowledged to the exchange is never forgotten here
            Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println(line);
        reply(exchange, valid ? 200 : 401, valid ? "ok\n" : "bad signature\n");
    }

    /** The newest notifications ({@code ?last=N}, 200 by default; {@code ?last=all} for every one), oldest first. */
    private static void list(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String last = query != null && query.startsWith("last=") ? query.substring("last=".length()) : "200";
        List<String> lines;
        synchronized (JOURNAL_LOCK) {
            lines = Files.exists(journal) ? Files.readAllLines(journal, StandardCharsets.UTF_8) : List.of();
        }
        if (!"all".equals(last)) {
            lines = lines.subList(Math.max(0, lines.size() - Integer.parseInt(last)), lines.size());
        }
        StringBuilder page = new StringBuilder("st-marys-hospital webhook receiver: notifications received\n\n");
        lines.forEach(r -> page.append(r).append("\n\n"));
        reply(exchange, 200, page.toString());
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
