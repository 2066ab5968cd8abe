package io.chartstream.patient.bench;

import io.chartstream.patient.matching.domain.SourcePersons;
import io.chartstream.patient.registration.domain.Demographics;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The persons of the scale benchmark, each a pure function of its number, so the million in the
 * index need not be stored anywhere else to be registered again later. Names follow a Zipf law
 * fitted to the US census: the commonest family name (Smith) is 0.83 % of persons, as in the 2010
 * census, then the benchmark's 110 real family names by rank and a tail of made-up ones, 44,000
 * names in all, weight rank^-0.65; given names likewise, James at about 3 % of men, the 80 real
 * names of each sex first, then made-up ones, weight rank^-0.8. So a block such as "Smith, born
 * 1980" holds about a hundred persons, as it would in a real million. Birth years 1925-2024, fewer
 * of the oldest; a third of persons share a household (family name, address, phone) with the
 * person before them.
 */
final class MillionPersons {

    /** A person as they are (the truth), and how their first registration was typed. */
    record Person(
            int number,
            UUID personId,
            String organization,
            String mrn,
            String given,
            String family,
            LocalDate birthDate,
            String gender,
            String phone,
            String addressLine,
            String city,
            String postalCode,
            String ssn) {

        Demographics demographics() {
            String address = addressLine == null ? null : addressLine + " " + postalCode;
            return new Demographics(given, family, birthDate, gender, phone, address, ssn);
        }
    }

    /** The organizations that registered the million, each with its own MRN system. */
    static final int ORGANIZATIONS = 24;

    private static final long SEED = 0x5CA1EL;
    private static final String[] SYLLABLES = {
        "ba", "ber", "ca", "dal", "den", "dor", "el", "fen", "gar", "ha", "hol", "ka", "ker", "la", "len",
        "lo", "mar", "mel", "mo", "na", "nor", "o", "pa", "per", "quin", "ra", "ren", "ro", "sa", "sel",
        "sto", "ta", "ter", "to", "val", "ven", "wal", "win", "ya", "zel"
    };
    private static final String[] FAMILY_ENDINGS = {"son", "berg", "ley", "ford", "ski", "ez", "man", "ton"};
    private static final String[] STREET_KINDS = {"Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place"};
    private static final String[] CITIES = {
        "Springfield",
        "Riverside",
        "Fairview",
        "Franklin",
        "Greenville",
        "Bristol",
        "Clinton",
        "Salem",
        "Madison",
        "Georgetown"
    };
    private static final int POSTAL_CODES = 6_000;

    private static final Zipf FAMILY = new Zipf(44_000, 0.65, 0.0083);
    private static final Zipf GIVEN = new Zipf(7_800, 0.8, 0.0);

    private MillionPersons() {}

    /** The enterprise person id the index gives person {@code number}: derived, so a run can tell a right link. */
    static UUID personId(int number) {
        return UUID.nameUUIDFromBytes(
                ByteBuffer.allocate(12).putLong(SEED).putInt(number).array());
    }

    static String organization(int o) {
        return String.format("scale-org-%02d", o);
    }

    static String mrnSystem(String organization) {
        return "urn:" + organization + ":mrn";
    }

    static Person person(int number) {
        SplittableRandom r = new SplittableRandom(SEED * 31 + number);
        // households: the person after a head shares its family name, address and phone a third of the time
        int head = number % 2 == 1 && new SplittableRandom(SEED * 17 + number).nextInt(3) < 2 ? number - 1 : number;
        SplittableRandom household = new SplittableRandom(SEED * 7 + head);
        boolean female = r.nextBoolean();
        String given = given(female, r) + (r.nextInt(3) == 0 ? " " + given(female, r) : "");
        String family = familyName(FAMILY.sample(household));
        LocalDate born = birthDate(r);
        String phone = String.format(
                "%03d-%03d-%04d",
                201 + household.nextInt(780), 200 + household.nextInt(800), household.nextInt(10_000));
        String line = (1 + household.nextInt(9_999)) + " " + street(household);
        String city = CITIES[household.nextInt(CITIES.length)];
        String postal = String.format("%05d", 10_000 + household.nextInt(POSTAL_CODES) * 13);
        String ssn = String.format("%09d", 100_000_000L + (number * 7_919L + 12_345L) % 800_000_000L);
        int organization =
                (int) Math.min(ORGANIZATIONS - 1, Math.floor(Math.pow(ORGANIZATIONS + 1, r.nextDouble())) - 1);
        // how the first desk typed it: some fields not asked for
        boolean noPhone = r.nextDouble() < 0.15;
        boolean noSsn = r.nextDouble() < 0.35;
        boolean noAddress = r.nextDouble() < 0.05;
        boolean noGender = r.nextDouble() < 0.03;
        return new Person(
                number,
                personId(number),
                organization(organization),
                String.format("M%08d", number),
                given,
                family,
                born,
                noGender ? null : female ? "female" : "male",
                noPhone ? null : phone,
                noAddress ? null : line,
                noAddress ? null : city,
                noAddress ? null : postal,
                noSsn ? null : ssn);
    }

    private static String given(boolean female, SplittableRandom r) {
        int rank = GIVEN.sample(r);
        List<String> real = female ? SourcePersons.FEMALE : SourcePersons.MALE;
        return rank < real.size() ? real.get(rank) : madeUp(rank, female ? "a" : "");
    }

    private static String familyName(int rank) {
        List<String> real = SourcePersons.FAMILY;
        return rank < real.size() ? real.get(rank) : madeUp(rank, FAMILY_ENDINGS[rank % FAMILY_ENDINGS.length]);
    }

    /** A name nobody is likely to have twice: three syllables chosen by the rank, and an ending. */
    private static String madeUp(int rank, String ending) {
        int n = SYLLABLES.length;
        String name = SYLLABLES[rank % n] + SYLLABLES[(rank / n) % n] + SYLLABLES[(rank / n / n) % n] + ending;
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String street(SplittableRandom r) {
        String base = r.nextBoolean()
                ? SourcePersons.FAMILY.get(r.nextInt(SourcePersons.FAMILY.size()))
                : SourcePersons.STREETS.get(r.nextInt(SourcePersons.STREETS.size()))
                        .split(" ")[0];
        return base + " " + STREET_KINDS[r.nextInt(STREET_KINDS.length)];
    }

    /** 1925-2024, births before 1950 thinning towards the oldest (an age pyramid's top). */
    private static LocalDate birthDate(SplittableRandom r) {
        while (true) {
            int year = 1925 + r.nextInt(100);
            double keep = year >= 1950 ? 1.0 : 0.2 + 0.8 * (year - 1925) / 25.0;
            if (r.nextDouble() < keep) {
                LocalDate first = LocalDate.of(year, 1, 1);
                return first.plusDays(r.nextInt(first.lengthOfYear()));
            }
        }
    }

    /**
     * Ranks drawn with weight rank^-s; {@code top} (when positive) fixes the first rank's share,
     * the weights of the others scaled so all add up to one.
     */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int size, double s, double top) {
            double[] w = new double[size];
            double total = 0;
            for (int i = 0; i < size; i++) {
                w[i] = Math.pow(i + 1, -s);
                total += w[i];
            }
            if (top > 0) {
                double rest = total - w[0];
                for (int i = 1; i < size; i++) {
                    w[i] = w[i] / rest * (1 - top);
                }
                w[0] = top;
                total = 1;
            }
            cumulative = new double[size];
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += w[i] / total;
                cumulative[i] = sum;
            }
        }

        int sample(SplittableRandom r) {
            double u = r.nextDouble() * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Persons {@code from} (inclusive) to {@code to} (exclusive). */
    static List<Person> range(int from, int to) {
        List<Person> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(person(i));
        }
        return out;
    }
}
