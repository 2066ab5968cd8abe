package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.chartstream.fhir.FhirValidation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * This service's validation of entries, with a short memory of the verdicts it gave (decisions
 * §33). The gateway asks for a transaction's verdicts before it writes the registrations
 * ({@link EntryValidations}); the entries then arrive for the write, and an entry whose content
 * this instance found valid moments ago is stored without validating it a second time. Anything
 * else is validated as it arrives: another replica's verdict, an expired one, changed content.
 *
 * <p>The memory is keyed by the SHA-256 of the resource as {@link FhirValidation} encodes it for
 * the validator, with one thing left out: the id of a relative literal reference
 * ({@code Patient/<id>}), which the gateway learns only from the writes the verdict must precede
 * (the person a registration links to). The validator reads such a reference's type, never its id
 * (nothing is resolved), so two resources differing only there have the same findings. Every other
 * byte counts, the reference's type included. Only valid verdicts are remembered; no caller can say
 * an entry was validated: the verdict is this service's own.
 */
@ApplicationScoped
public class ValidationVerdicts {

    /** {@code Type/id}: a relative literal reference whose id the key leaves out. */
    private static final Pattern RELATIVE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");

    /** What the id of such a reference becomes in the key: itself a well-formed id, so no other reference reads the same. */
    private static final String ANY_ID = "0";

    private final FhirContext fhir;
    private final FhirValidation validation;
    private final Cache<String, Boolean> valid;
    private final AtomicLong reused = new AtomicLong();

    @Inject
    public ValidationVerdicts(
            FhirContext fhir,
            FhirValidation validation,
            MeterRegistry meters,
            @ConfigProperty(name = "chartstream.clinical.verdicts.max-entries", defaultValue = "20000") long maxEntries,
            @ConfigProperty(name = "chartstream.clinical.verdicts.keep-for", defaultValue = "PT2M") Duration keepFor) {
        this(fhir, validation, maxEntries, keepFor, Ticker.systemTicker());
        FunctionCounter.builder("chartstream.fhir.validations", validation, FhirValidation::validations)
                .description("resources this instance validated")
                .register(meters);
        FunctionCounter.builder("chartstream.fhir.validations.reused", reused, AtomicLong::get)
                .description("writes stored on a verdict this instance gave before, without validating again")
                .register(meters);
    }

    ValidationVerdicts(FhirContext fhir, FhirValidation validation, long maxEntries, Duration keepFor, Ticker ticker) {
        this.fhir = fhir;
        this.validation = validation;
        this.valid = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(keepFor)
                .ticker(ticker)
                .build();
    }

    /** Validates {@code resource} and remembers it when valid: what {@code $validate} answers. */
    public List<String> validate(Resource resource) {
        List<String> errors = validation.errors(resource);
        if (errors.isEmpty()) {
            valid.put(key(resource), Boolean.TRUE);
        }
        return errors;
    }

    /**
     * The errors of {@code resource} for a write: none, without validating, when this instance
     * found the same content valid within {@code keep-for}; else validated now.
     */
    public List<String> errorsForWrite(Resource resource) {
        if (valid.getIfPresent(key(resource)) != null) {
            reused.incrementAndGet();
            return List.of();
        }
        return validate(resource);
    }

    /** How many writes were stored on a remembered verdict since this instance started. */
    public long reused() {
        return reused.get();
    }

    /** SHA-256 of the resource as the validator reads it, relative references' ids left out. */
    String key(Resource resource) {
        Resource copy = resource.copy();
        for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class)) {
            String value = reference.getReference();
            if (value != null && RELATIVE.matcher(value).matches()) {
                reference.setReference(value.substring(0, value.indexOf('/') + 1) + ANY_ID);
            }
        }
        byte[] json = fhir.newJsonParser().encodeResourceToString(copy).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
