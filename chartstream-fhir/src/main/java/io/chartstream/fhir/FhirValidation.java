package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Validates resources against the FHIR R4 base profiles with HAPI's instance validator, offline.
 * A declared profile it does not know (US Core, say) is not an error: the base definition is checked.
 * Terminology outside the built-in code systems (LOINC, SNOMED CT, RxNorm) is not checked
 * here: no terminology server is reachable, so unknown-code findings are not errors.
 *
 * <p>Why not simply {@code FhirValidator} with a {@link FhirInstanceValidator}: that builds a new
 * {@link InstanceValidator} for every resource, and each one parses the validator's 1.5 MB OID
 * registry (a CSV inside the jar) in its constructor. Measured in clinical-service, that was most
 * of a write's CPU. Here the same validator, configured exactly as HAPI's wrapper configures it
 * (settings read from a {@link FhirInstanceValidator}), is kept in a small pool and reused: one
 * thread at a time per validator, and each is replaced after {@value #USES_BEFORE_RENEWAL} uses so
 * whatever it keeps between validations stays bounded.
 */
@Singleton
public class FhirValidation {

    static final int USES_BEFORE_RENEWAL = 10_000;

    private final AtomicLong validations = new AtomicLong();

    private static final Set<String> UNKNOWN_PROFILE = Set.of(
            I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN, I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY);

    private final FhirContext fhir;
    private final FhirInstanceValidator settings;
    private final WorkerContextValidationSupportAdapter workerContext;
    private final BlockingQueue<Pooled> pool;
    private final Semaphore permits;
    private final int usesBeforeRenewal;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile boolean loaded;

    private static final byte[] EMPTY_OBSERVATION =
            "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8);

    /** How long a write waits for a validation slot before it is answered 503. */
    static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * A validator and the element-model parser that reads resources for it, used by one thread at
     * a time. The parser is kept too: building one (its FHIRPath engine, profile and context
     * utilities, which cache the resource types) was about an eighth of a validation when
     * {@link InstanceValidator}'s stream method made a new one per resource.
     */
    private static final class Pooled {
        final InstanceValidator validator;
        final ParserBase parser;
        int uses;

        Pooled(InstanceValidator validator, ParserBase parser) {
            this.validator = validator;
            this.parser = parser;
        }
    }

    @Inject
    public FhirValidation(FhirContext fhir) {
        this(fhir, USES_BEFORE_RENEWAL);
    }

    /** With each pooled validator replaced after {@code usesBeforeRenewal} validations. */
    FhirValidation(FhirContext fhir, int usesBeforeRenewal) {
        this.fhir = fhir;
        this.usesBeforeRenewal = usesBeforeRenewal;
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        this.settings = new FhirInstanceValidator(chain);
        settings.setNoTerminologyChecks(true);
        settings.setAnyExtensionsAllowed(true);
        // base R4 is what is checked: a profile the exchange does not know (US Core, an IG) is a
        // warning, and the resource is still validated against its base definition
        settings.setErrorForUnknownProfiles(false);
        this.workerContext = WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(chain);
        int size = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        this.pool = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size);
    }

    /**
     * Error and fatal findings, each as "location: message"; empty when the resource is valid.
     * At most as many validations run at once as the pool holds validators, so a burst of writes
     * (or writes arriving while the structure definitions load, each of which would otherwise
     * load its own) cannot exhaust the heap: a caller that waits longer than {@link #WAIT} gets a
     * 503 to retry.
     */
    public List<String> errors(IBaseResource resource) {
        byte[] json = fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        acquire();
        List<ValidationMessage> messages = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        try {
            validate(json, declaredProfiles(resource, unknownProfiles), messages);
            validations.incrementAndGet();
        } finally {
            permits.release();
        }
        messages.addAll(unknownProfiles);
        return messages.stream()
                .filter(m ->
                        UNKNOWN_PROFILE.contains(m.getMessageId()) ? settings.isErrorForUnknownProfiles() : isError(m))
                .filter(m -> !I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId()))
                .map(m -> m.getLocation() + ": " + m.getMessage())
                .toList();
    }

    /** How many resources this instance has validated since it started (a refusal as busy is not one). */
    public long validations() {
        return validations.get();
    }

    private static boolean isError(ValidationMessage m) {
        return m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL;
    }

    /** The profiles in meta.profile, as HAPI's wrapper resolves them; an unknown one is an error. */
    private List<StructureDefinition> declaredProfiles(IBaseResource resource, List<ValidationMessage> unknownOnes) {
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> unknown = new ArrayList<>();
        for (var profile : resource.getMeta().getProfile()) {
            StructureDefinition found = workerContext.fetchResource(StructureDefinition.class, profile.getValue());
            if (found != null) {
                profiles.add(found);
            } else {
                unknown.add(new ValidationMessage()
                        .setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN)
                        .setLevel(IssueSeverity.ERROR)
                        .setMessage("Invalid profile. Failed to retrieve profile with url=" + profile.getValue()));
            }
        }
        if (profiles.isEmpty()) {
            unknownOnes.addAll(unknown);
        }
        return profiles;
    }

    /**
     * What {@link InstanceValidator}'s stream method does (parse with validation of the JSON, then
     * validate each fragment against the profiles), with the pooled parser instead of a new one.
     */
    private void validate(byte[] json, List<StructureDefinition> profiles, List<ValidationMessage> messages) {
        Pooled pooled = borrow();
        try {
            List<ValidatedFragment> fragments;
            try {
                fragments = pooled.parser.parse(new ByteArrayInputStream(json));
            } catch (IOException e) {
                throw new FHIRException(e);
            }
            for (ValidatedFragment fragment : fragments) {
                if (fragment.getElement() != null) {
                    pooled.validator.validate(
                            null,
                            fragment.getErrors(),
                            fragments.size() > 1 ? fragment.path() : null,
                            fragment.getElement(),
                            profiles);
                }
                messages.addAll(fragment.getErrors());
            }
        } finally {
            giveBack(pooled);
        }
    }

    /** A validation slot; the first one loads the structure definitions while the others wait. */
    private void acquire() {
        try {
            if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
            if (!loaded) {
                if (!loading.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    permits.release();
                    throw busy();
                }
                try {
                    if (!loaded) {
                        validate(EMPTY_OBSERVATION, List.of(), new ArrayList<>()); // loads the definitions once
                        loaded = true;
                    }
                } catch (RuntimeException e) {
                    permits.release();
                    throw e;
                } finally {
                    loading.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static FhirProblem busy() {
        return FhirProblem.unavailable("the FHIR validator is busy or still loading; try again shortly");
    }

    private Pooled borrow() {
        Pooled pooled = pool.poll();
        return pooled != null ? pooled : new Pooled(newValidator(), newParser());
    }

    private void giveBack(Pooled pooled) {
        if (++pooled.uses < usesBeforeRenewal) {
            pool.offer(pooled); // a full pool drops it: at most a few validators are kept
        }
    }

    /** A JSON parser set up as {@link InstanceValidator} sets one up for each resource it reads. */
    private ParserBase newParser() {
        ParserBase parser = Manager.makeParser(workerContext, Manager.FhirFormat.JSON);
        parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
        return parser;
    }

    /** An instance validator set up as HAPI's {@code ValidatorWrapper} sets one up for each validation. */
    private InstanceValidator newValidator() {
        IHostApplicationServices host = Objects.requireNonNullElseGet(
                settings.getHostApplicationServices(), FhirInstanceValidator.NullEvaluationContext::new);
        InstanceValidator v = new InstanceValidator(
                workerContext,
                host,
                new XVerExtensionManagerOld(workerContext),
                new ValidatorSession(),
                new ValidatorSettings());
        v.setAssumeValidRestReferences(settings.isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(settings.getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(settings.isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(settings.isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(settings.isErrorForUnknownProfiles());
        v.setUnknownCodeSystemsCauseErrors(true);
        v.getExtensionDomains().addAll(settings.getExtensionDomains());
        v.setFetcher(settings.getValidatorResourceFetcher());
        v.setPolicyAdvisor(settings.getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(settings.isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(settings.isNoBindingMsgSuppressed());
        v.setAllowExamples(settings.isAllowExamples());
        v.setAllowXsiLocation(true);
        return v;
    }
}
