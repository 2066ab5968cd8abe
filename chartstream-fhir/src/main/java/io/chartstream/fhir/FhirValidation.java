package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import jakarta.inject.Singleton;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.elementmodel.Manager;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Validates resources against the FHIR R4 base profiles with HAPI's instance validator, offline.
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

    static final int USES_BEFORE_RENEWAL = 1_000;

    private static final Set<String> UNKNOWN_PROFILE = Set.of(
            I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN, I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY);

    private final FhirContext fhir;
    private final FhirInstanceValidator settings;
    private final WorkerContextValidationSupportAdapter workerContext;
    private final BlockingQueue<Pooled> pool;

    private static final class Pooled {
        final InstanceValidator validator;
        int uses;

        Pooled(InstanceValidator validator) {
            this.validator = validator;
        }
    }

    public FhirValidation(FhirContext fhir) {
        this.fhir = fhir;
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        this.settings = new FhirInstanceValidator(chain);
        settings.setNoTerminologyChecks(true);
        settings.setAnyExtensionsAllowed(true);
        this.workerContext = WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(chain);
        this.pool = new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    }

    /** Error and fatal findings, each as "location: message"; empty when the resource is valid. */
    public List<String> errors(IBaseResource resource) {
        byte[] json = fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        List<StructureDefinition> profiles = declaredProfiles(resource, unknownProfiles);
        List<ValidationMessage> messages = new ArrayList<>();
        Pooled pooled = borrow();
        try {
            pooled.validator.validate(
                    null, messages, new ByteArrayInputStream(json), Manager.FhirFormat.JSON, profiles);
        } finally {
            giveBack(pooled);
        }
        messages.addAll(unknownProfiles);
        return messages.stream()
                .filter(m -> isError(m)
                        || settings.isErrorForUnknownProfiles() && UNKNOWN_PROFILE.contains(m.getMessageId()))
                .filter(m -> !I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId()))
                .map(m -> m.getLocation() + ": " + m.getMessage())
                .toList();
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
                        .setLevel(IssueSeverity.ERROR)
                        .setMessage("Invalid profile. Failed to retrieve profile with url=" + profile.getValue()));
            }
        }
        if (profiles.isEmpty()) {
            unknownOnes.addAll(unknown);
        }
        return profiles;
    }

    private Pooled borrow() {
        Pooled pooled = pool.poll();
        return pooled != null ? pooled : new Pooled(newValidator());
    }

    private void giveBack(Pooled pooled) {
        if (++pooled.uses < USES_BEFORE_RENEWAL) {
            pool.offer(pooled); // a full pool drops it: at most a few validators are kept
        }
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
