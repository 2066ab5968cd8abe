package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.SourcePersons.SourcePerson;
import io.chartstream.patient.registration.domain.Demographics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Registrations with their truth: each source person is registered one to four times at
 * different desks (the first as the person is, the later ones corrupted), all shuffled.
 */
final class LabelledRegistrations {

    /** One registration, the true person it is, and what the desk did to it (corruptions, fields left out). */
    record Labelled(String truth, Demographics demographics, List<String> corruptions) {}

    private LabelledRegistrations() {}

    static List<Labelled> of(List<SourcePerson> persons, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        // streams of their own: one seeded like the persons would redraw their very addresses and phones
        RegistrationDesk desk = new RegistrationDesk(seed * 7919 + 1);
        List<Labelled> out = new ArrayList<>();
        for (SourcePerson p : persons) {
            double u = random.nextDouble();
            int copies = u < 0.35 ? 1 : u < 0.70 ? 2 : u < 0.90 ? 3 : 4;
            RegistrationDesk.Typed first = desk.first(p.demographics());
            out.add(new Labelled(p.id(), first.demographics(), first.kinds()));
            for (int i = 1; i < copies; i++) {
                RegistrationDesk.Typed later = desk.later(p.demographics());
                out.add(new Labelled(p.id(), later.demographics(), later.kinds()));
            }
        }
        Collections.shuffle(out, random);
        return out;
    }
}
