package io.chartstream.clinical.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code chartstream.clinical.events} with a plain Kafka consumer, as any subscriber would. */
public final class ClinicalEventsTopic {

    private ClinicalEventsTopic() {}

    /** One consumed record: key, {@code ce_*} headers, and the value parsed as JSON. */
    public record Published(String key, Map<String, String> headers, JsonNode data) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** The event of stream {@code entry-<entryId>} at {@code version}, waiting up to 30 s for it. */
    public static Published awaitEvent(String entryId, long version) {
        String stream = "entry-" + entryId;
        List<ConsumerRecord<String, byte[]>> found = TopicReader.await(
                Topics.CLINICAL_EVENTS,
                r -> stream.equals(TopicReader.header(r, CloudEventHeaders.header(CloudEventHeaders.STREAM_ID)))
                        && String.valueOf(version)
                                .equals(TopicReader.header(
                                        r, CloudEventHeaders.header(CloudEventHeaders.STREAM_VERSION))),
                1,
                Duration.ofSeconds(30));
        if (found.isEmpty()) {
            throw new AssertionError(
                    "no event for " + stream + " version " + version + " on " + Topics.CLINICAL_EVENTS);
        }
        return toPublished(found.get(0));
    }

    /** Every event of stream {@code entry-<entryId>} that arrives within {@code wait} (up to 10). */
    public static List<ConsumerRecord<String, byte[]>> eventsOf(String entryId, Duration wait) {
        String stream = "entry-" + entryId;
        return TopicReader.await(
                Topics.CLINICAL_EVENTS,
                r -> stream.equals(TopicReader.header(r, CloudEventHeaders.header(CloudEventHeaders.STREAM_ID))),
                10,
                wait);
    }

    private static Published toPublished(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Published(record.key(), headers, ContractJson.tree(TopicReader.value(record)));
    }
}
