package io.chartstream.exchange.access.domain;

import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.contracts.exchange.ExchangeContracts;

import java.util.Collections;
import java.util.Set;

/**
 * Whether an organization may see one resource of a person's record: the consent decision of the
 * exchange (IHE PCF: permit or deny per resource, so a view is the record filtered). Checked, in
 * this order:
 *
 * <ol>
 *   <li>no active care relationship: nothing;</li>
 *   <li>a blocked organization sees nothing, unless it broke the glass;</li>
 *   <li>the Patient, and what the organization wrote itself, are always visible;</li>
 *   <li>42 CFR Part 2 entries only for organizations the patient shares them with (break-the-glass
 *       does not override this);</li>
 *   <li>break-the-glass sees the rest;</li>
 *   <li>opted out: nothing else; otherwise everything but the withheld sensitive categories.</li>
 * </ol>
 */
public final class DisclosureRules {

    private DisclosureRules() {}

    /** One resource as the rules see it: whether it is the Patient, who wrote it, its security labels. */
    public record Item(boolean patient, String author, Set<String> labels) {}

    public static boolean visible(String organization, Set<Basis> activeBases, SharingPolicy policy, Item item) {
        if (activeBases.isEmpty()) {
            return false;
        }
        boolean emergency = activeBases.contains(Basis.EMERGENCY_ACCESS);
        if (policy.blocks(organization) && !emergency) {
            return false;
        }
        if (item.patient() || organization.equals(item.author())) {
            return true;
        }
        if (item.labels().contains(SecurityLabels.PART_2)
                && !policy.part2SharedWith().contains(organization)) {
            return false;
        }
        if (emergency) {
            return true;
        }
        return !policy.optOut() && Collections.disjoint(item.labels(), policy.withheldCategories());
    }

    /** The purpose of use a read is disclosed under: ETREAT when only break-the-glass lets the organization in. */
    public static String purposeOfUse(Set<Basis> activeBases) {
        return activeBases.equals(Set.of(Basis.EMERGENCY_ACCESS))
                ? ExchangeContracts.EMERGENCY_TREAT
                : ExchangeContracts.TREAT;
    }
}
