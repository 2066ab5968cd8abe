package io.chartstream.portal.sharing.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who can see a person's record and on what basis, and the person's sharing choices, as the
 * exchange (which owns relationships and consent) reports them; for a merged record, of every
 * person in {@code group}.
 */
public record Sharing(
        UUID personId,
        Choices choices,
        List<Relationship> relationships,
        List<OrganizationName> organizations,
        List<UUID> group) {

    public static final String EMERGENCY_ACCESS = "emergency-access";

    public Sharing {
        choices = choices == null ? Choices.DEFAULT : choices;
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        group = group == null || group.isEmpty() ? List.of(personId) : List.copyOf(group);
    }

    /**
     * Whether the record is a merged group's (decisions §27): the exchange then lists the
     * relationships of every person of the group, once, and the strictest of their choices,
     * which is what applies to all of them.
     */
    public boolean merged() {
        return group.size() > 1;
    }

    /** The consent in force; the defaults (share with those in my care, withhold Part 2) when none was recorded. */
    public record Choices(
            boolean optOut,
            List<String> blockedOrganizations,
            List<String> withheldCategories,
            List<String> part2SharedWith) {

        public static final Choices DEFAULT = new Choices(false, List.of(), List.of(), List.of());

        public Choices {
            blockedOrganizations = blockedOrganizations == null ? List.of() : List.copyOf(blockedOrganizations);
            withheldCategories = withheldCategories == null ? List.of() : List.copyOf(withheldCategories);
            part2SharedWith = part2SharedWith == null ? List.of() : List.copyOf(part2SharedWith);
        }

        public boolean blocks(String organization) {
            return blockedOrganizations.contains(organization);
        }

        public boolean withholds(String category) {
            return withheldCategories.contains(category);
        }

        public boolean sharesPart2With(String organization) {
            return part2SharedWith.contains(organization);
        }
    }

    /**
     * One relationship of an organization with the person: {@code basis} identifier (it holds a
     * record number of its own for me), treatment-attestation or emergency-access (break-the-glass);
     * {@code detail} the identifier or the reason given; {@code until} its planned end.
     */
    public record Relationship(
            String organization,
            String organizationName,
            String basis,
            String detail,
            String actor,
            Instant since,
            Instant until,
            Instant endedAt,
            String endReason,
            boolean active) {

        public boolean emergency() {
            return EMERGENCY_ACCESS.equals(basis);
        }
    }

    public record OrganizationName(String id, String name) {}

    /** Relationships in force, not counting break-the-glass (listed on its own). */
    public List<Relationship> current() {
        return relationships.stream().filter(r -> r.active() && !r.emergency()).toList();
    }

    /** Every break-the-glass session, open or over. */
    public List<Relationship> emergencyAccesses() {
        return relationships.stream().filter(Relationship::emergency).toList();
    }

    /** Relationships that ended (revoked, blocked, expired, inactive), not counting break-the-glass. */
    public List<Relationship> ended() {
        return relationships.stream().filter(r -> !r.active() && !r.emergency()).toList();
    }

    /** The directory's name of an organization, else its id. */
    public String nameOf(String organization) {
        return organizations.stream()
                .filter(o -> o.id().equals(organization))
                .map(OrganizationName::name)
                .findFirst()
                .orElse(organization);
    }
}
