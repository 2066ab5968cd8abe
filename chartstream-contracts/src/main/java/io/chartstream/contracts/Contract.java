package io.chartstream.contracts;

/**
 * One published event: its versioned type, the topic it is published on, the record its
 * {@code data} reads into, and what it means (docs/events.md is checked against these).
 *
 * @param <T> the payload record
 */
public record Contract<T>(EventType type, String topic, Class<T> payload, String meaning) {

    /** The published type name. */
    public String typeName() {
        return type.value();
    }

    /** Whether {@code typeName} names this contract. */
    public boolean is(String typeName) {
        return type.value().equals(typeName);
    }
}
