package io.chartstream.eventsourcing.support;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.testsupport.SharedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A fresh database with the event store schema on the test JVM's real PostgreSQL. */
public final class TestStore {

    private static final Map<DataSource, String> URLS = new ConcurrentHashMap<>();

    private TestStore() {}

    public static DataSource freshDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String url = SharedPostgres.jdbcUrl(name);
        DataSource ds = pooled(url);
        URLS.put(ds, url);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(migration());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }

    public static String jdbcUrl(DataSource ds) {
        return URLS.get(ds);
    }

    /** Agroal, the pool the services use, so the runtime is tested with the same wrappers. */
    private static DataSource pooled(String url) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(16)
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                    .principal(new NamePrincipal(SharedPostgres.username()))
                                    .credential(new SimplePassword(SharedPostgres.password())))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The runtime's migrations, in their order. */
    private static final List<String> MIGRATIONS =
            List.of("V1_1__event_store.sql", "V1_2__outbox_parking.sql", "V1_3__leader_lease.sql");

    private static String migration() {
        StringBuilder sql = new StringBuilder();
        for (String file : MIGRATIONS) {
            try (InputStream in = TestStore.class.getResourceAsStream("/db/eventsourcing/" + file)) {
                sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sql.toString();
    }

    /** Appends one event in its own transaction; returns its position. */
    public static long appendOne(DataSource ds, String streamId, String subject, String type, String data) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long position = new JdbcEventStore()
                    .append(
                            c,
                            streamId,
                            ExpectedVersion.ANY,
                            List.of(NewEvent.of(type, subject, data)),
                            new EventMetadata("corr", null, "tester", "test-org"))
                    .position();
            c.commit();
            return position;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
