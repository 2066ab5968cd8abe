package io.chartstream.contracts;

/**
 * The CloudEvents 1.0 envelope as it travels in Kafka headers (binary mode): the record value is
 * the event's data, the attributes are {@code ce_<name>} headers. The extension names are
 * ChartStream's; the rest are the specification's.
 */
public final class CloudEventHeaders {

    /** The prefix of every attribute header in the CloudEvents Kafka binding. */
    public static final String PREFIX = "ce_";

    public static final String ID = PREFIX + "id";
    public static final String SOURCE = PREFIX + "source";
    public static final String TYPE = PREFIX + "type";
    public static final String SUBJECT = PREFIX + "subject";
    public static final String TIME = PREFIX + "time";
    public static final String SPEC_VERSION = PREFIX + "specversion";
    public static final String CONTENT_TYPE = "content-type";

    /** Extension attribute names (without the prefix), as CloudEvents SDKs name them. */
    public static final String STREAM_ID = "streamid";

    public static final String STREAM_VERSION = "streamversion";
    public static final String POSITION = "position";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String ORGANIZATION = "organization";
    public static final String ACTOR = "actor";
    /** W3C trace context of the request that appended the event (CloudEvents distributed tracing extension). */
    public static final String TRACEPARENT = "traceparent";

    /** Headers a dead-lettered record carries besides its original ones. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";
    public static final String DEAD_LETTER_CAUSE = "dead-letter-cause";
    public static final String DEAD_LETTER_PROJECTION = "dead-letter-projection";

    private CloudEventHeaders() {}

    /** The Kafka header of an attribute or extension: {@code header(STREAM_ID)} is {@code ce_streamid}. */
    public static String header(String attribute) {
        return PREFIX + attribute;
    }
}
