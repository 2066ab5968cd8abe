package io.chartstream.patient.bench;

import io.chartstream.patient.matching.domain.RegistrationDesk;
import io.chartstream.patient.registration.domain.Registration;

import java.util.Random;
import java.util.UUID;

/**
 * The registrations the benchmark offers, one thread's stream of them (seeded): 45 % new persons
 * (never in the index), 40 % persons of the index returning at another organization with their
 * demographics corrupted the way desks do (RegistrationDesk: typos, nicknames, swapped names,
 * birth-date slips, a married name, a move, fields left out), 15 % an organization resending
 * exactly what it registered.
 */
final class Arrivals {

    enum Kind {
        NEW,
        RETURNING,
        REPEAT
    }

    /** One registration and, for persons of the index, the person it is. */
    record Arrival(Kind kind, Registration registration, UUID truth) {}

    static final String DESK_PREFIX = "scale-desk-";
    private static final int DESKS = 12;
    private static final int NEW_PERSONS_FROM = 100_000_000;

    private final Random random;
    private final RegistrationDesk desk;
    private final ScalePatients patients;
    private final int indexed;
    private final int newFrom;
    private int newCount;

    Arrivals(long seed, ScalePatients patients, int indexed) {
        this.random = new Random(seed);
        this.desk = new RegistrationDesk(seed * 31 + 7);
        this.patients = patients;
        this.indexed = indexed;
        // persons of their own per stream and per run, so no stream meets another's "new" person
        this.newFrom = NEW_PERSONS_FROM + (int) (seed % 1000) * 1_000_000;
    }

    Arrival next() {
        double u = random.nextDouble();
        String desk = DESK_PREFIX + String.format("%02d", random.nextInt(DESKS));
        if (u < 0.45) {
            MillionPersons.Person p = MillionPersons.person(newFrom + newCount++);
            return new Arrival(Kind.NEW, patients.registration(desk, mrn(), p.demographics(), p.city()), null);
        }
        MillionPersons.Person p = MillionPersons.person(random.nextInt(indexed));
        if (u < 0.85) {
            var typed = this.desk.later(p.demographics());
            return new Arrival(
                    Kind.RETURNING, patients.registration(desk, mrn(), typed.demographics(), p.city()), p.personId());
        }
        return new Arrival(
                Kind.REPEAT,
                patients.registration(p.organization(), p.mrn(), p.demographics(), p.city()),
                p.personId());
    }

    private String mrn() {
        return "D" + new UUID(random.nextLong(), random.nextLong());
    }
}
