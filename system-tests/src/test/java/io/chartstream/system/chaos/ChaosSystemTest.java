package io.chartstream.system.chaos;

import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos suite: each fault injected while a clinic keeps writing Observations (an
 * Idempotency-Key each, retried with the same key) and the hospital keeps reading; after each,
 * every acknowledged write is in the hospital's and the clinic's view exactly once and every
 * notification reached the hospital's webhook receiver, in order. The figures are printed at the
 * end (and written to {@code target/chaos-figures.md}).
 *
 * <p>Durations: {@code -Dchaos.receiver-down=PT10M} (default PT60S), {@code -Dchaos.keycloak-down}
 * (PT10S), {@code -Dchaos.freeze} (how long the leader stays frozen, PT20S).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSystemTest {

    private static final Duration RECEIVER_DOWN = duration("chaos.receiver-down", "PT60S");
    private static final Duration KEYCLOAK_DOWN = duration("chaos.keycloak-down", "PT10S");
    private static final Duration FREEZE = duration("chaos.freeze", "PT20S");
    private static final int STANDBY_PORT = Integer.getInteger("chaos.standby-port", 8084);
    private static final List<String> GATEWAY = List.of(RunningExchange.GATEWAY);
    private static final List<Figures> FIGURES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void exchange() {
        RunningExchange.ensureUp();
    }

    @AfterAll
    static void figures() throws IOException {
        String table = Figures.table(FIGURES);
        System.out.println("\nChaos suite (load " + loadAverage() + "):\n" + table);
        Path out = Path.of("target/chaos-figures.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    @Test
    @Order(1)
    void patientServiceKilledWithSigkill() throws Exception {
        prove(killed("patient"));
    }

    @Test
    @Order(2)
    void clinicalServiceKilledWithSigkill() throws Exception {
        prove(killed("clinical"));
    }

    @Test
    @Order(3)
    void exchangeServiceKilledWithSigkill() throws Exception {
        prove(killed("exchange"));
    }

    @Test
    @Order(4)
    void portalServiceKilledWithSigkill() throws Exception {
        prove(killed("portal"));
    }

    @Test
    @Order(5)
    void postgresqlRestarted() throws Exception {
        prove(Fault.of("PostgreSQL restart", () -> Parts.restart("postgres"), () -> {}, GATEWAY));
    }

    @Test
    @Order(6)
    void kafkaRestarted() throws Exception {
        prove(Fault.of("Kafka restart", () -> Parts.restart("kafka"), () -> {}, GATEWAY));
    }

    @Test
    @Order(7)
    void keycloakDown() throws Exception {
        prove(Fault.of(
                "Keycloak down " + KEYCLOAK_DOWN.toSeconds() + " s",
                Fault.holding(() -> Parts.stop("keycloak"), KEYCLOAK_DOWN),
                () -> Parts.up(false),
                GATEWAY));
    }

    @Test
    @Order(8)
    void webhookReceiverDown() throws Exception {
        prove(Fault.of(
                "webhook receiver down " + RECEIVER_DOWN.toSeconds() + " s",
                Fault.holding(() -> Parts.kill9("webhook-receiver"), RECEIVER_DOWN),
                () -> Parts.up(true), // the demo loader starts the receiver again
                GATEWAY));
    }

    @Test
    @Order(9)
    void frozenLeaderReplacedByAStandby() throws Exception {
        try (StandbyExchange standby = StandbyExchange.start(STANDBY_PORT)) {
            assertTrue(leadsTheRelay(RunningExchange.GATEWAY), "the launcher's exchange-service leads");
            long leader = Parts.pid("exchange");
            AtomicReference<Duration> takeover = new AtomicReference<>();
            Fault.Step freeze = () -> {
                Parts.signal("STOP", leader);
                Instant frozen = Instant.now();
                while (takeover.get() == null && Instant.now().isBefore(frozen.plus(FREEZE))) {
                    if (standbyLeads(standby)) {
                        takeover.set(Duration.between(frozen, Instant.now()));
                    } else {
                        Thread.sleep(250);
                    }
                }
                Thread.sleep(Math.max(
                        0, Duration.between(Instant.now(), frozen.plus(FREEZE)).toMillis()));
            };
            try {
                prove(Fault.of(
                        "frozen leader (SIGSTOP " + FREEZE.toSeconds() + " s)",
                        freeze,
                        () -> Parts.signal("CONT", leader),
                        List.of(RunningExchange.GATEWAY, standby.base())));
            } finally {
                Parts.signal("CONT", leader); // never leave the exchange frozen, whatever failed
            }
            System.out.println("the standby took the relay over " + takeover.get() + " after the leader froze");
            assertNotNull(takeover.get(), "the standby leads the relay while the leader is frozen");
        }
    }

    private static Fault killed(String service) {
        return Fault.of("kill -9 " + service + "-service", () -> Parts.kill9(service), () -> Parts.up(false), GATEWAY);
    }

    private static void prove(Fault fault) throws Exception {
        ChaosRun.Outcome outcome = ChaosRun.run(fault);
        Figures f = outcome.figures();
        FIGURES.add(f);
        String details = fault.name() + ": " + outcome.details();
        System.out.println(details);
        assertAll(
                fault.name(),
                () -> assertTrue(f.acknowledged() > 0, "writes were acknowledged\n" + details),
                () -> assertTrue(f.acknowledgedAfterHeal(), "writes are acknowledged again after the heal\n" + details),
                () -> assertEquals(0, f.lost(), "acknowledged writes lost\n" + details),
                () -> assertEquals(0, f.duplicated(), "writes recorded twice\n" + details),
                () -> assertEquals(0, f.refused(), "writes refused for good\n" + details),
                () -> assertEquals(0, f.notificationsMissing(), "notifications missing\n" + details),
                () -> assertEquals(0, f.outOfOrder(), "notifications out of order\n" + details),
                () -> assertNotNull(f.timeToHeal(), "every acknowledged write visible after the heal\n" + details));
    }

    private static boolean standbyLeads(StandbyExchange standby) {
        try {
            return leadsTheRelay(standby.base());
        } catch (RuntimeException | AssertionError notYet) {
            return false;
        }
    }

    private static boolean leadsTheRelay(String gateway) {
        return given().auth()
                .oauth2(Tokens.user("admin"))
                .when()
                .get(gateway + "/admin/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("leader");
    }

    private static Duration duration(String property, String fallback) {
        return Duration.parse(System.getProperty(property, fallback));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
