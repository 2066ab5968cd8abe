package io.chartstream.eventsourcing.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.EventType;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.store.RecordedEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Maps an aggregate's event records to stable type names with a version
 * ({@code io.chartstream.patient.PatientRegistered.v1}) and back. The name, never the Java
 * class name, is what is stored and published, so renaming a class breaks nothing.
 *
 * @param <E> the aggregate's sealed event interface
 */
public final class EventTypes<E> {

    private final ObjectMapper mapper;
    private final Upcasters upcasters;
    private final Map<Class<?>, String> typeByClass = new HashMap<>();
    private final Map<String, Class<? extends E>> classByType = new HashMap<>();

    public EventTypes(ObjectMapper mapper) {
        this.mapper = mapper;
        this.upcasters = new Upcasters(mapper);
    }

    public EventTypes<E> register(String type, Class<? extends E> eventClass) {
        if (!EventType.isWellFormed(type)) {
            throw new IllegalArgumentException(
                    type + " is not of the form io.chartstream.<service>.<PastTenseName>.v<N>");
        }
        if (classByType.putIfAbsent(type, eventClass) != null || typeByClass.putIfAbsent(eventClass, type) != null) {
            throw new IllegalStateException(type + " or " + eventClass.getName() + " is registered twice");
        }
        return this;
    }

    /** Registers the event class that is published as {@code contract}. */
    public EventTypes<E> register(Contract<?> contract, Class<? extends E> eventClass) {
        return register(contract.typeName(), eventClass);
    }

    /** The type names registered, for approval tests that must cover every one. */
    public java.util.Set<String> registeredTypes() {
        return java.util.Set.copyOf(classByType.keySet());
    }

    public EventTypes<E> upcast(String fromType, String toType, UnaryOperator<ObjectNode> transform) {
        upcasters.register(fromType, toType, transform);
        return this;
    }

    public String typeOf(E event) {
        String type = typeByClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " has no registered event type");
        }
        return type;
    }

    public String toJson(E event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + typeOf(event) + " as JSON", e);
        }
    }

    public NewEvent toNew(E event, String subject) {
        return new NewEvent(UUID.randomUUID(), typeOf(event), subject, toJson(event));
    }

    /** Reads an event of any known version, upcast to its current version. */
    public E fromJson(String type, String json) {
        Upcasters.Upcast current = upcasters.upcast(type, json);
        Class<? extends E> eventClass = classByType.get(current.type());
        if (eventClass == null) {
            throw new UnknownEventTypeException(current.type());
        }
        try {
            return mapper.readValue(current.data(), eventClass);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "event of type " + current.type() + " does not match " + eventClass.getName(), e);
        }
    }

    public E fromRecorded(RecordedEvent event) {
        return fromJson(event.type(), event.data());
    }
}
