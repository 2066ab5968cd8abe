package io.chartstream.exchange.directory.infrastructure;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.chartstream.exchange.directory.domain.ResourceJson;

import java.io.IOException;

/**
 * Writes a {@link ResourceJson} into an event as a JSON object (the contract says so, never a
 * string) and reads it back as text, written again with the event mapper so decimals keep their
 * scale.
 */
final class ResourceJsonModule extends SimpleModule {

    ResourceJsonModule() {
        super("chartstream-directory-resource-json");
        addSerializer(ResourceJson.class, new JsonSerializer<>() {
            @Override
            public void serialize(ResourceJson value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeRawValue(value.json());
            }
        });
        addDeserializer(ResourceJson.class, new JsonDeserializer<>() {
            @Override
            public ResourceJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    return (ResourceJson) ctxt.handleUnexpectedToken(ResourceJson.class, p);
                }
                JsonNode resource = p.readValueAsTree();
                return new ResourceJson(((ObjectMapper) p.getCodec()).writeValueAsString(resource));
            }
        });
    }
}
