package io.chartstream.patient.registration.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.patient.registration.domain.MatchedOn;
import io.chartstream.patient.registration.domain.PatientDocument;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.ReviewDecision;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The JSON of patient events, exactly as their contracts (chartstream-contracts) publish it. The domain keeps the
 * submitted Patient as opaque FHIR JSON; here it is embedded as a JSON object (never a string),
 * and on the way back the demographics are read from it again with HAPI FHIR.
 */
@Singleton
public class PatientEventCodec {

    private static final ObjectMapper TREES = new ObjectMapper();

    private final EventTypes<PatientEvent> types;

    public PatientEventCodec(FhirContext fhir) {
        PatientFhirMapper fhirMapper = new PatientFhirMapper(fhir);
        // the contract's JSON settings (tolerant reader included), plus the embedded Patient
        ObjectMapper mapper = ContractJson.configure(JsonMapper.builder())
                .build()
                .registerModule(new SimpleModule("patient-events")
                        .addSerializer(PatientDocument.class, new DocumentSerializer())
                        .addDeserializer(PatientDocument.class, new DocumentDeserializer(fhirMapper))
                        .addSerializer(MatchedOn.class, new MatchedOnSerializer())
                        .addDeserializer(MatchedOn.class, new MatchedOnDeserializer())
                        .addSerializer(ReviewDecision.class, new ReviewDecisionSerializer())
                        .addDeserializer(ReviewDecision.class, new ReviewDecisionDeserializer()));
        this.types = new EventTypes<PatientEvent>(mapper)
                .register(PatientContracts.PATIENT_REGISTERED, PatientRegistered.class)
                .register(PatientContracts.IDENTIFIER_LINKED, IdentifierLinked.class)
                .register(PatientContracts.MATCH_REVIEW_REQUESTED, PatientEvent.MatchReviewRequested.class)
                .register(PatientContracts.MATCH_REVIEW_DECIDED, PatientEvent.MatchReviewDecided.class)
                .register(PatientContracts.PERSONS_MERGED, PatientEvent.PersonsMerged.class)
                .register(PatientContracts.PERSONS_UNMERGED, PatientEvent.PersonsUnmerged.class)
                .register(PatientContracts.REGISTRATION_REVISED, PatientEvent.RegistrationRevised.class)
                .register(PatientContracts.PERSON_MERGE_REQUESTED, PatientEvent.PersonMergeRequested.class);
    }

    public EventTypes<PatientEvent> types() {
        return types;
    }

    private static final class DocumentSerializer extends JsonSerializer<PatientDocument> {
        @Override
        public void serialize(PatientDocument value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeTree(TREES.readTree(value.fhirJson()));
        }
    }

    private static final class DocumentDeserializer extends JsonDeserializer<PatientDocument> {
        private final PatientFhirMapper fhirMapper;

        DocumentDeserializer(PatientFhirMapper fhirMapper) {
            this.fhirMapper = fhirMapper;
        }

        @Override
        public PatientDocument deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            return fhirMapper.document(fhirMapper.parse(node.toString()));
        }
    }

    private static final class MatchedOnSerializer extends JsonSerializer<MatchedOn> {
        @Override
        public void serialize(MatchedOn value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.wireName());
        }
    }

    private static final class MatchedOnDeserializer extends JsonDeserializer<MatchedOn> {
        @Override
        public MatchedOn deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return MatchedOn.fromWireName(p.getValueAsString());
        }
    }

    private static final class ReviewDecisionSerializer extends JsonSerializer<ReviewDecision> {
        @Override
        public void serialize(ReviewDecision value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(value.wireName());
        }
    }

    private static final class ReviewDecisionDeserializer extends JsonDeserializer<ReviewDecision> {
        @Override
        public ReviewDecision deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String name = p.getValueAsString();
            return ReviewDecision.fromWireName(name)
                    .orElseThrow(() -> new IOException("not a review decision: " + name));
        }
    }
}
