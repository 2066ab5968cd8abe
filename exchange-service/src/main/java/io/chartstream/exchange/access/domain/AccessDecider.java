package io.chartstream.exchange.access.domain;

import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.decider.Decider;
import io.chartstream.exchange.access.domain.AccessCommand.AttestTreatment;
import io.chartstream.exchange.access.domain.AccessCommand.BreakGlass;
import io.chartstream.exchange.access.domain.AccessCommand.EndRelationship;
import io.chartstream.exchange.access.domain.AccessCommand.ExpireRelationships;
import io.chartstream.exchange.access.domain.AccessCommand.RecordConsent;
import io.chartstream.exchange.access.domain.AccessEvent.CareRelationshipEnded;
import io.chartstream.exchange.access.domain.AccessEvent.ConsentRecorded;
import io.chartstream.exchange.access.domain.AccessEvent.EmergencyAccessGranted;
import io.chartstream.exchange.access.domain.AccessEvent.TreatmentAttested;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who may see one person's record, as two pure functions. An attestation needs a reason and is
 * refused for an organization the patient blocked; break-the-glass needs a reason and overrides
 * the patient's choices except 42 CFR Part 2 (the view rules keep Part 2 out); a consent that
 * blocks an organization also ends its relationships; time-limited relationships end when due.
 */
public final class AccessDecider implements Decider<AccessCommand, AccessEvent, PersonAccess> {

    public static final AccessDecider INSTANCE = new AccessDecider();

    private AccessDecider() {}

    @Override
    public PersonAccess initialState() {
        return PersonAccess.NONE;
    }

    @Override
    public List<AccessEvent> decide(AccessCommand command, PersonAccess state) {
        return switch (command) {
            case AttestTreatment attest -> attest(attest, state);
            case BreakGlass breakGlass -> breakGlass(breakGlass);
            case EndRelationship end ->
                List.of(new CareRelationshipEnded(
                        end.personId(),
                        end.organization(),
                        end.relationshipId(),
                        end.reason().wireName(),
                        end.actor(),
                        end.at().toString()));
            case RecordConsent consent -> recordConsent(consent, state);
            case ExpireRelationships expire -> expire(expire, state);
        };
    }

    @Override
    public PersonAccess evolve(PersonAccess state, AccessEvent event) {
        Map<UUID, PersonAccess.Grant> grants = state.mutableGrants();
        return switch (event) {
            case TreatmentAttested t -> {
                grants.put(
                        t.relationshipId(),
                        new PersonAccess.Grant(
                                t.organization(), Basis.TREATMENT_ATTESTATION, Instant.parse(t.endsAt())));
                yield state.next(state.policy(), grants);
            }
            case EmergencyAccessGranted e -> {
                grants.put(
                        e.relationshipId(),
                        new PersonAccess.Grant(e.organization(), Basis.EMERGENCY_ACCESS, Instant.parse(e.endsAt())));
                yield state.next(state.policy(), grants);
            }
            case CareRelationshipEnded ended -> {
                if (ended.relationshipId() != null) {
                    grants.remove(ended.relationshipId());
                } else {
                    grants.values().removeIf(g -> g.organization().equals(ended.organization()));
                }
                yield state.next(state.policy(), grants);
            }
            case ConsentRecorded consent -> state.next(consent.policy(), grants);
        };
    }

    private static List<AccessEvent> attest(AttestTreatment c, PersonAccess state) {
        requireReason(c.reason(), "a treatment attestation");
        if (state.policy().blocks(c.organization())) {
            throw new AccessRejected(
                    AccessRejected.Reason.FORBIDDEN,
                    "the patient has blocked organization " + c.organization() + " from their record");
        }
        return List.of(new TreatmentAttested(
                c.relationshipId(),
                c.personId(),
                c.organization(),
                c.actor(),
                ExchangeContracts.TREAT,
                c.reason().strip(),
                blankToNull(c.referral()),
                blankToNull(c.encounter()),
                c.at().toString(),
                c.at().plus(c.validFor()).toString()));
    }

    private static List<AccessEvent> breakGlass(BreakGlass c) {
        requireReason(c.reason(), "break-the-glass");
        if (c.actor() == null || c.actor().isBlank()) {
            throw new AccessRejected(
                    AccessRejected.Reason.INVALID, "break-the-glass needs the clinician who breaks it");
        }
        return List.of(new EmergencyAccessGranted(
                c.relationshipId(),
                c.personId(),
                c.organization(),
                c.actor(),
                ExchangeContracts.EMERGENCY_TREAT,
                c.reason().strip(),
                c.at().toString(),
                c.at().plus(c.validFor()).toString()));
    }

    private static List<AccessEvent> recordConsent(RecordConsent c, PersonAccess state) {
        SharingPolicy p = c.policy();
        List<AccessEvent> events = new ArrayList<>();
        events.add(new ConsentRecorded(
                c.consentId(),
                c.personId(),
                c.recordedBy(),
                c.actor(),
                p.optOut(),
                List.copyOf(p.blockedOrganizations()),
                List.copyOf(p.withheldCategories()),
                List.copyOf(p.part2SharedWith()),
                c.at().toString()));
        for (String org : p.blockedOrganizations()) {
            if (!state.policy().blocks(org)) {
                events.add(new CareRelationshipEnded(
                        c.personId(), org, null, EndReason.BLOCKED.wireName(), c.actor(), c.at().toString()));
            }
        }
        return events;
    }

    private static List<AccessEvent> expire(ExpireRelationships c, PersonAccess state) {
        return state.grants().entrySet().stream()
                .filter(g -> !g.getValue().endsAt().isAfter(c.now()))
                .<AccessEvent>map(g -> new CareRelationshipEnded(
                        c.personId(),
                        g.getValue().organization(),
                        g.getKey(),
                        EndReason.EXPIRED.wireName(),
                        null,
                        g.getValue().endsAt().toString()))
                .toList();
    }

    private static void requireReason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new AccessRejected(AccessRejected.Reason.INVALID, what + " needs a reason");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
