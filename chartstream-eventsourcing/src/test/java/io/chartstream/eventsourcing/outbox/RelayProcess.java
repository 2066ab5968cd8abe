package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.runtime.KafkaSettings;
import org.postgresql.ds.PGSimpleDataSource;

/** A relay in its own JVM, so a test can kill -9 it: args jdbcUrl user password bootstrap topic. */
public final class RelayProcess {

    private RelayProcess() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        OutboxRelay relay =
                new OutboxRelay(ds, KafkaSettings.relayClients(args[3], "relay-process"), args[4], "crash-test");
        relay.start();
        System.out.println("RELAY STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
