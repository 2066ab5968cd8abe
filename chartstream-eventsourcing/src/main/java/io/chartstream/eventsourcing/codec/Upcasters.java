package io.chartstream.eventsourcing.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns old versions of an event into the current one, step by step ({@code v1 -> v2 -> v3}),
 * whether the event comes from the store or from Kafka. Old events are never rewritten.
 */
public final class Upcasters {

    private record Step(String toType, UnaryOperator<ObjectNode> transform) {}

    private final ObjectMapper mapper;
    private final Map<String, Step> steps = new HashMap<>();

    public Upcasters(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Upcasters register(String fromType, String toType, UnaryOperator<ObjectNode> transform) {
        if (steps.putIfAbsent(fromType, new Step(toType, transform)) != null) {
            throw new IllegalStateException("an upcaster from " + fromType + " is already registered");
        }
        return this;
    }

    public record Upcast(String type, String data) {}

    /** The event in its newest version; unchanged when no upcaster starts at its type. */
    public Upcast upcast(String type, String data) {
        Step step = steps.get(type);
        if (step == null) {
            return new Upcast(type, data);
        }
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(data);
            String current = type;
            int guard = 0;
            while (step != null) {
                node = step.transform().apply(node);
                current = step.toType();
                step = steps.get(current);
                if (++guard > 100) {
                    throw new IllegalStateException("upcaster cycle starting at " + type);
                }
            }
            return new Upcast(current, mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event of type " + type + " is not valid JSON", e);
        }
    }
}
