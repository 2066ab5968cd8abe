package io.chartstream.fhir;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL out of reach is a 503 to retry; a fault in the request or the code is not. */
class DatabaseUnavailableTest {

    @Test
    void theDriversRefusalToConnectIsUnavailable() {
        SQLException refused = assertThrows(
                SQLException.class, () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none", "x", "y"));
        assertTrue(DatabaseUnavailable.causedBy(refused), refused.getSQLState() + " " + refused);
        assertTrue(DatabaseUnavailable.causedBy(new IllegalStateException("append failed", refused)), "wrapped");
    }

    @Test
    void shutdownTooManyConnectionsAndThePoolsTimeoutAreUnavailable() {
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("too many clients", "53300")));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("bug")));
    }
}
