package io.chartstream.clinical.entry.infrastructure;

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
import io.chartstream.clinical.entry.domain.FhirJson;

import java.io.IOException;

/**
 * Writes a {@link FhirJson} into an event as a JSON object, not as a string (the contract says
 * so), and reads it back as text. The text is what HAPI FHIR produced; Jackson never
 * interprets it as FHIR, and FHIR decimals keep their written precision (0.10 stays 0.10: in
 * FHIR the number of decimals is significant).
 */
final class FhirJsonModule extends SimpleModule {

    FhirJsonModule() {
        super("chartstream-fhir-json");
        addSerializer(FhirJson.class, new JsonSerializer<>() {
            @Override
            public void serialize(FhirJson value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeRawValue(value.json());
            }
        });
        addDeserializer(FhirJson.class, new JsonDeserializer<>() {
            @Override
            public FhirJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    return (FhirJson) ctxt.handleUnexpectedToken(FhirJson.class, p);
                }
                JsonNode resource = p.readValueAsTree();
                // written back with the event mapper (not JsonNode.toString) so decimals keep their scale
                return new FhirJson(((ObjectMapper) p.getCodec()).writeValueAsString(resource));
            }
        });
    }
}
