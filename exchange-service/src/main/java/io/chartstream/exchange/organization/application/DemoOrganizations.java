package io.chartstream.exchange.organization.application;

import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.exchange.feed.infrastructure.FeedTopics;
import io.chartstream.exchange.organization.domain.RegisterOrganization;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;

/** Registers the demo organizations at start-up when they are missing; a no-op when they exist. */
@ApplicationScoped
public class DemoOrganizations {

    private static final Logger LOG = Logger.getLogger(DemoOrganizations.class);

    /** The demo organizations' MRN systems (the OIDs deploy/demo's Patients carry). */
    public static final String RIVERSIDE_MRN = "urn:oid:2.16.840.1.113883.3.7001.1";

    public static final String ST_MARYS_MRN = "urn:oid:2.16.840.1.113883.3.7002.1";
    public static final String NORTHSIDE_MRN = "urn:oid:2.16.840.1.113883.3.7003.1";
    /**
     * The medical record numbers Synthea's patients carry: riverside-clinic is the organization the
     * demo loads Synthea records as ({@code ./chartstream load}), so they are its patients.
     */
    /** The demo organizations' HL7 v2 sending facilities (MSH-4 namespace ids). */
    public static final String RIVERSIDE_FACILITY = "RIVERSIDE";

    public static final String ST_MARYS_FACILITY = "STMARYS";
    public static final String NORTHSIDE_FACILITY = "NORTHSIDE";

    public static final String SYNTHEA_MRN = "http://hospital.smarthealthit.org";

    @ConfigMapping(prefix = "chartstream.demo")
    public interface DemoConfig {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("http://localhost:8090/webhook")
        String stMarysWebhookUrl();

        @WithDefault("demo-webhook-secret")
        String webhookSecret();
    }

    private final OrganizationDirectory directory;
    private final FeedTopics feedTopics;
    private final DemoConfig config;

    public DemoOrganizations(OrganizationDirectory directory, FeedTopics feedTopics, DemoConfig config) {
        this.directory = directory;
        this.feedTopics = feedTopics;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        if (!config.enabled()) {
            return;
        }
        for (RegisterOrganization demo : List.of(
                new RegisterOrganization(
                        "riverside-clinic",
                        "Riverside Clinic",
                        null,
                        null,
                        List.of(RIVERSIDE_MRN, SYNTHEA_MRN),
                        List.of(RIVERSIDE_FACILITY)),
                new RegisterOrganization(
                        "st-marys-hospital",
                        "St. Mary's Hospital",
                        config.stMarysWebhookUrl(),
                        config.webhookSecret(),
                        List.of(ST_MARYS_MRN),
                        List.of(ST_MARYS_FACILITY)),
                new RegisterOrganization(
                        "northside-pediatrics",
                        "Northside Pediatrics",
                        null,
                        null,
                        List.of(NORTHSIDE_MRN),
                        List.of(NORTHSIDE_FACILITY)))) {
            try {
                if (directory.find(demo.id()).isEmpty()
                        && directory.register(demo, "exchange-service").created()) {
                    LOG.infof("registered demo organization %s", demo.id());
                    feedTopics.ensure(demo.id());
                }
            } catch (StreamConflictException e) {
                LOG.debugf("demo organization %s was registered by another replica", demo.id());
            }
        }
    }
}
