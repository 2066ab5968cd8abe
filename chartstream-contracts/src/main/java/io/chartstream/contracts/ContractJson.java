package io.chartstream.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The JSON of published events, for producers and consumers alike. The mapper is the contract's
 * own, not an application's: the JSON of an event must not change because someone tuned a REST
 * layer's Jackson settings.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private ContractJson() {}

    /**
     * The settings every event mapper shares: record components in declaration order, nulls
     * written, FHIR decimals kept exact (value and scale, never through a double), and a tolerant
     * reader (a field a compatible producer added later is not an error).
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.disable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads an event's data into its payload record; a payload that breaks the contract throws {@link ContractViolation}. */
    public static <T> T read(Contract<T> contract, String data) {
        try {
            return MAPPER.readValue(data, contract.payload());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ContractViolation(contract.typeName() + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ContractViolation(
                    contract.typeName() + " does not match its contract: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the data of {@code typeName} if it is a published contract; empty for a type no contract names. */
    public static Optional<Object> readAny(String typeName, String data) {
        return Contracts.find(typeName).map(contract -> read(contract, data));
    }

    public static String write(Object payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
