package io.chartstream.eventsourcing.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts dead-lettered events back: each refused event is fetched again from its original topic
 * and offset (record topics keep events forever) and applied to the live view. An event that
 * is now accepted leaves the dead-letter list; one still refused stays there with its new reason.
 */
public class Redrive {

    public record Result(int redriven, int stillRefused) {}

    private final DataSource dataSource;
    private final Projection projection;
    private final Map<String, Object> kafkaConfig;
    private final EventApplier applier;

    public Redrive(DataSource dataSource, Projection projection, Map<String, Object> kafkaConfig) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.kafkaConfig = kafkaConfig;
        this.applier = new EventApplier(projection);
    }

    private record Dead(TopicPartition partition, long offset) {}

    public Result run() throws Exception {
        int redriven = 0;
        int refused = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(ProjectionRunner.consumerConfig(kafkaConfig, null))) {
            for (Dead dead : deadLetters()) {
                ConsumerRecord<String, byte[]> record = fetch(consumer, dead);
                if (record == null) {
                    refused++;
                    continue;
                }
                if (redrive(record)) {
                    redriven++;
                } else {
                    refused++;
                }
            }
        }
        return new Result(redriven, refused);
    }

    private List<Dead> deadLetters() throws SQLException {
        List<Dead> dead = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select topic, partition, record_offset from "
                        + projection.schema() + ".dead_letter order by dead_at");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                dead.add(new Dead(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3)));
            }
        }
        return dead;
    }

    private static ConsumerRecord<String, byte[]> fetch(KafkaConsumer<String, byte[]> consumer, Dead dead) {
        consumer.assign(List.of(dead.partition()));
        consumer.seek(dead.partition(), dead.offset());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == dead.offset()) {
                    return r;
                }
                if (r.offset() > dead.offset()) {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean redrive(ConsumerRecord<String, byte[]> record) throws SQLException {
        String schema = projection.schema();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ViewSchema.useSchema(c, schema);
                ViewSchema.lockShared(c, schema);
                applier.apply(c, schema, record);
                try (PreparedStatement ps = c.prepareStatement(
                        "delete from dead_letter where topic = ? and partition = ? and record_offset = ?")) {
                    ps.setString(1, record.topic());
                    ps.setInt(2, record.partition());
                    ps.setLong(3, record.offset());
                    ps.executeUpdate();
                }
                c.commit();
                return true;
            } catch (Exception e) {
                c.rollback();
                ViewSchema.useSchema(c, schema);
                ViewSchema.recordDeadLetter(c, record, EventApplier.eventIdOf(record), String.valueOf(e.getMessage()));
                c.commit();
                return false;
            }
        }
    }
}
