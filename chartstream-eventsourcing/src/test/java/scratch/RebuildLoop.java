package scratch;

import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.projection.DeadLetters;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.projection.RebuildJob;
import io.chartstream.eventsourcing.projection.RebuildProgress;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.Topics;
import io.chartstream.testsupport.SharedKafka;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class RebuildLoop {
    public static void main(String[] a) throws Exception {
        org.jboss.logmanager.Logger.getLogger("").setLevel(org.jboss.logmanager.Level.INFO);
        String DATA = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},\"valueQuantity\":{\"value\":95,\"unit\":\"mg/dL\"}}";
        String topic = Topics.create("loop", 6);
        var producer = Events.producer();
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            acks.add(producer.send(ChartStreamCloudEvents.toProducerRecord(topic, Events.event("person-" + (i % 500), DATA), "bench")));
        }
        for (var f : acks) f.get();
        DataSource ds = TestStore.freshDatabase("loop");
        SubjectCountsProjection p = new SubjectCountsProjection("loop-x", topic);
        try (ProjectionRunner r = new ProjectionRunner(ds, p, KafkaSettings.common(SharedKafka.bootstrapServers()), new DeadLetters(producer))) {
            r.start();
            while (TestStore.count(ds, "select count(*) from " + p.schema() + ".applied_event") < 20_000) Thread.sleep(50);
        }
        for (String kb : a) {
            Map<String, Object> cfg = new java.util.HashMap<>(KafkaSettings.common(SharedKafka.bootstrapServers()));
            if (!kb.equals("0")) cfg.put("max.partition.fetch.bytes", Integer.parseInt(kb) * 1024);
            for (int i = 0; i < 4; i++) {
                RebuildProgress done = new RebuildJob(ds, p, cfg, null).run();
                System.out.printf("RUN %s kB: %.0f events/s %s load %.2f%n", kb, done.eventsPerSecond(), done.state(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.exit(0);
    }
}
