package io.chartstream.exchange.organization.domain;

import io.chartstream.eventsourcing.decider.Decider;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.chartstream.exchange.organization.domain.RegistrationRejected.Reason.ALREADY_REGISTERED;
import static io.chartstream.exchange.organization.domain.RegistrationRejected.Reason.INVALID;

/**
 * Decides registrations. Registering the same organization again with the same name and
 * webhook is a no-op (start-up seeding and client retries rely on it); the same id with
 * different details is refused rather than silently overwritten.
 */
public final class OrganizationDecider implements Decider<RegisterOrganization, OrganizationEvent, Organization> {

    public static final OrganizationDecider INSTANCE = new OrganizationDecider();

    /** The id becomes part of a Kafka topic name ({@code chartstream.org.<id>.feed}). */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    static final int MIN_SECRET_LENGTH = 16;

    /** An absolute URI without spaces, as FHIR Identifier.system requires. */
    private static final Pattern SYSTEM = Pattern.compile("(urn:[a-zA-Z0-9][^\\s]+|https?://[^\\s]+)");

    /** An HL7 v2 HD namespace id as senders put it in MSH-4: no delimiters, no spaces. */
    private static final Pattern FACILITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private OrganizationDecider() {}

    @Override
    public Organization initialState() {
        return Organization.none(null);
    }

    @Override
    public Organization evolve(Organization state, OrganizationEvent event) {
        return switch (event) {
            case OrganizationEvent.OrganizationRegistered r ->
                new Organization(
                        r.organizationId(),
                        r.name(),
                        r.webhookUrl(),
                        r.identifierSystems(),
                        r.facilities(),
                        state.version() + 1);
        };
    }

    @Override
    public List<OrganizationEvent> decide(RegisterOrganization command, Organization state) {
        validate(command);
        if (state.registered()) {
            if (state.name().equals(command.name())
                    && Objects.equals(state.webhookUrl(), command.webhookUrl())
                    && state.identifierSystems().equals(command.identifierSystems())
                    && state.facilities().equals(command.facilities())) {
                return List.of();
            }
            throw new RegistrationRejected(
                    ALREADY_REGISTERED, "organization " + command.id() + " is already registered with other details");
        }
        return List.of(new OrganizationEvent.OrganizationRegistered(
                command.id(),
                command.name().strip(),
                command.webhookUrl(),
                command.identifierSystems(),
                command.facilities()));
    }

    private static void validate(RegisterOrganization c) {
        if (c.id() == null || !ID.matcher(c.id()).matches()) {
            throw new RegistrationRejected(
                    INVALID, "id must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (c.name() == null || c.name().isBlank()) {
            throw new RegistrationRejected(INVALID, "name is required");
        }
        for (String system : c.identifierSystems()) {
            if (system == null || !SYSTEM.matcher(system).matches()) {
                throw new RegistrationRejected(
                        INVALID,
                        "an identifier system is an absolute URI (urn:oid:..., urn:..., http(s)://...): " + system);
            }
        }
        if (c.identifierSystems().stream().distinct().count()
                != c.identifierSystems().size()) {
            throw new RegistrationRejected(INVALID, "identifierSystems lists a system twice");
        }
        for (String facility : c.facilities()) {
            if (facility == null || !FACILITY.matcher(facility).matches()) {
                throw new RegistrationRejected(
                        INVALID,
                        "a facility is an MSH-4 namespace id: 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-': "
                                + facility);
            }
        }
        if (c.facilities().stream().distinct().count() != c.facilities().size()) {
            throw new RegistrationRejected(INVALID, "facilities lists a facility twice");
        }
        if (c.webhookUrl() == null) {
            if (c.webhookSecret() != null) {
                throw new RegistrationRejected(INVALID, "a webhook secret needs a webhook URL");
            }
            return;
        }
        if (!isHttpUrl(c.webhookUrl())) {
            throw new RegistrationRejected(INVALID, "webhookUrl must be an absolute http or https URL");
        }
        if (c.webhookSecret() == null || c.webhookSecret().length() < MIN_SECRET_LENGTH) {
            throw new RegistrationRejected(
                    INVALID, "a webhook needs a secret of at least " + MIN_SECRET_LENGTH + " characters");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
