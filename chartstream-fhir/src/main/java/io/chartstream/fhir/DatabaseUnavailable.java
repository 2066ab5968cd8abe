package io.chartstream.fhir;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (down, restarting, out of
 * connections), which a client should retry, rather than a fault in the request or the code.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before retrying (Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now;
            // 53300: too many connections
            return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
        }
        // the connection pool's own timeout carries no SQL state
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }
}
