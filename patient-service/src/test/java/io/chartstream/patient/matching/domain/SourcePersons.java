package io.chartstream.patient.matching.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.patient.registration.domain.Demographics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The true persons behind a labelled run: from Synthea's Patient resources, or from a seeded
 * synthetic name list (so the build never needs Synthea), plus the hard negatives a desk's
 * corruption cannot produce: twins (same family name, birth date, address and phone, another
 * given name and SSN) and strangers with the most common names born in the same year.
 */
public final class SourcePersons {

    record SourcePerson(String id, Demographics demographics) {}

    public static final List<String> FEMALE = List.of(
            "Mary",
            "Patricia",
            "Jennifer",
            "Linda",
            "Elizabeth",
            "Barbara",
            "Susan",
            "Jessica",
            "Sarah",
            "Karen",
            "Nancy",
            "Lisa",
            "Margaret",
            "Betty",
            "Sandra",
            "Ashley",
            "Dorothy",
            "Kimberly",
            "Emily",
            "Donna",
            "Michelle",
            "Carol",
            "Amanda",
            "Melissa",
            "Deborah",
            "Stephanie",
            "Rebecca",
            "Laura",
            "Sharon",
            "Cynthia",
            "Kathleen",
            "Amy",
            "Shirley",
            "Angela",
            "Helen",
            "Anna",
            "Brenda",
            "Pamela",
            "Nicole",
            "Samantha",
            "Katherine",
            "Christine",
            "Debra",
            "Rachel",
            "Catherine",
            "Carolyn",
            "Janet",
            "Ruth",
            "Maria",
            "Heather",
            "Diane",
            "Virginia",
            "Julie",
            "Joyce",
            "Victoria",
            "Olivia",
            "Kelly",
            "Christina",
            "Lauren",
            "Joan",
            "Evelyn",
            "Judith",
            "Megan",
            "Cheryl",
            "Andrea",
            "Hannah",
            "Martha",
            "Jacqueline",
            "Frances",
            "Gloria",
            "Ana",
            "Sofia",
            "Guadalupe",
            "Mei",
            "Aisha",
            "Fatima",
            "Priya",
            "Yuki",
            "Chloe",
            "Zoe");
    public static final List<String> MALE = List.of(
            "James",
            "Robert",
            "John",
            "Michael",
            "David",
            "William",
            "Richard",
            "Joseph",
            "Thomas",
            "Charles",
            "Christopher",
            "Daniel",
            "Matthew",
            "Anthony",
            "Mark",
            "Donald",
            "Steven",
            "Paul",
            "Andrew",
            "Joshua",
            "Kenneth",
            "Kevin",
            "Brian",
            "George",
            "Timothy",
            "Ronald",
            "Edward",
            "Jason",
            "Jeffrey",
            "Ryan",
            "Jacob",
            "Gary",
            "Nicholas",
            "Eric",
            "Jonathan",
            "Stephen",
            "Larry",
            "Justin",
            "Scott",
            "Brandon",
            "Benjamin",
            "Samuel",
            "Gregory",
            "Alexander",
            "Frank",
            "Patrick",
            "Raymond",
            "Jack",
            "Dennis",
            "Jerry",
            "Tyler",
            "Aaron",
            "Jose",
            "Adam",
            "Nathan",
            "Henry",
            "Douglas",
            "Zachary",
            "Peter",
            "Kyle",
            "Walter",
            "Ethan",
            "Jeremy",
            "Harold",
            "Keith",
            "Christian",
            "Roger",
            "Noah",
            "Gerald",
            "Carl",
            "Wei",
            "Mohammed",
            "Carlos",
            "Luis",
            "Hiroshi",
            "Raj",
            "Omar",
            "Liam",
            "Mateo",
            "Francisco");
    public static final List<String> FAMILY = List.of(
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Garcia",
            "Miller",
            "Davis",
            "Rodriguez",
            "Martinez",
            "Hernandez",
            "Lopez",
            "Gonzalez",
            "Wilson",
            "Anderson",
            "Thomas",
            "Taylor",
            "Moore",
            "Jackson",
            "Martin",
            "Lee",
            "Perez",
            "Thompson",
            "White",
            "Harris",
            "Sanchez",
            "Clark",
            "Ramirez",
            "Lewis",
            "Robinson",
            "Walker",
            "Young",
            "Allen",
            "King",
            "Wright",
            "Scott",
            "Torres",
            "Nguyen",
            "Hill",
            "Flores",
            "Green",
            "Adams",
            "Nelson",
            "Baker",
            "Hall",
            "Rivera",
            "Campbell",
            "Mitchell",
            "Carter",
            "Roberts",
            "Gomez",
            "Phillips",
            "Evans",
            "Turner",
            "Diaz",
            "Parker",
            "Cruz",
            "Edwards",
            "Collins",
            "Reyes",
            "Stewart",
            "Morris",
            "Morales",
            "Murphy",
            "Cook",
            "Rogers",
            "Gutierrez",
            "Ortiz",
            "Morgan",
            "Cooper",
            "Peterson",
            "Bailey",
            "Reed",
            "Kelly",
            "Howard",
            "Ramos",
            "Kim",
            "Cox",
            "Ward",
            "Richardson",
            "Watson",
            "Brooks",
            "Chavez",
            "Wood",
            "James",
            "Bennett",
            "Gray",
            "Mendoza",
            "Ruiz",
            "Hughes",
            "Price",
            "Alvarez",
            "Castillo",
            "Sanders",
            "Patel",
            "Myers",
            "Long",
            "Ross",
            "Foster",
            "Jimenez",
            "Obrien",
            "Schmidt",
            "Kowalski",
            "Okafor",
            "Tanaka",
            "Chen",
            "Wang",
            "Singh",
            "Cohen",
            "Murray");
    public static final List<String> STREETS = List.of(
            "Main Street",
            "Oak Avenue",
            "Maple Drive",
            "Cedar Lane",
            "Elm Street",
            "Washington Avenue",
            "Park Road",
            "Lake Shore Drive",
            "Hillside Terrace",
            "River Road",
            "Church Street",
            "Highland Avenue",
            "Pleasant Street",
            "School Street",
            "Summer Street",
            "Winter Street",
            "Beacon Street",
            "Union Square");

    private static final Nicknames NICKNAMES = Nicknames.standard();

    private SourcePersons() {}

    /** {@code n} persons from seeded name lists; common names are much more frequent than rare ones. */
    static List<SourcePerson> synthetic(int n, long seed) {
        Random random = new Random(seed);
        List<SourcePerson> persons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean female = random.nextBoolean();
            String given = skewed(female ? FEMALE : MALE, random);
            String middle = random.nextInt(3) == 0 ? " " + skewed(female ? FEMALE : MALE, random) : "";
            LocalDate born = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(92 * 365));
            persons.add(new SourcePerson(
                    "syn-" + seed + "-" + i,
                    new Demographics(
                            given + middle,
                            skewed(FAMILY, random),
                            born,
                            female ? "female" : "male",
                            phone(random),
                            address(random),
                            ssn(random))));
        }
        return persons;
    }

    /** Every Patient of a Synthea run (BULK=true: {@code Patient.ndjson}; or its bundles). */
    static List<SourcePerson> fromSynthea(Path dir) {
        ObjectMapper json = new ObjectMapper();
        List<SourcePerson> persons = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.endsWith("Patient.ndjson"))
                    .sorted()
                    .toList()) {
                if (f.toString().endsWith(".ndjson")) {
                    for (String line : Files.readAllLines(f)) {
                        persons.add(synthea(json.readTree(line)));
                    }
                } else {
                    for (JsonNode entry : json.readTree(f.toFile()).path("entry")) {
                        if ("Patient"
                                .equals(entry.path("resource")
                                        .path("resourceType")
                                        .asText())) {
                            persons.add(synthea(entry.path("resource")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return persons;
    }

    private static SourcePerson synthea(JsonNode p) {
        JsonNode name = p.path("name").path(0);
        List<String> given = new ArrayList<>();
        name.path("given").forEach(g -> given.add(g.asText()));
        JsonNode address = p.path("address").path(0);
        String ssn = null;
        for (JsonNode id : p.path("identifier")) {
            if (id.path("system").asText().endsWith("us-ssn")) {
                ssn = id.path("value").asText();
            }
        }
        return new SourcePerson(
                "synthea-" + p.path("id").asText(),
                new Demographics(
                        String.join(" ", given),
                        name.path("family").asText(null),
                        LocalDate.parse(p.path("birthDate").asText()),
                        p.path("gender").asText(null),
                        p.path("telecom").path(0).path("value").asText(null),
                        address.path("line").path(0).asText("") + " "
                                + address.path("postalCode").asText(""),
                        ssn));
    }

    /**
     * Adds {@code twins} twins of existing persons and {@code strangers} persons with the most
     * common given and family names all born in one year, each with its own address and phone.
     */
    static List<SourcePerson> withHardNegatives(List<SourcePerson> persons, int twins, int strangers, long seed) {
        Random random = new Random(seed * 104729 + 3);
        List<SourcePerson> all = new ArrayList<>(persons);
        for (int i = 0; i < twins; i++) {
            Demographics d = persons.get(random.nextInt(persons.size())).demographics();
            boolean female = random.nextBoolean();
            String given = pickOther((female ? FEMALE : MALE), d.given(), random);
            all.add(new SourcePerson(
                    "twin-" + seed + "-" + i,
                    new Demographics(
                            given,
                            d.family(),
                            d.birthDate(),
                            female ? "female" : "male",
                            d.phone(),
                            d.address(),
                            ssn(random))));
        }
        for (int i = 0; i < strangers; i++) {
            boolean female = random.nextBoolean();
            all.add(new SourcePerson(
                    "common-" + seed + "-" + i,
                    new Demographics(
                            (female ? FEMALE : MALE).get(random.nextInt(3)),
                            FAMILY.get(random.nextInt(3)),
                            LocalDate.of(1975, 1, 1).plusDays(random.nextInt(365)),
                            female ? "female" : "male",
                            phone(random),
                            address(random),
                            ssn(random))));
        }
        return all;
    }

    /** A name from the list, the first ones far more often (about Zipf). */
    static String skewed(List<String> names, Random random) {
        double u = random.nextDouble();
        int i = (int) Math.floor(Math.pow(names.size() + 1, u)) - 1;
        return names.get(Math.min(Math.max(i, 0), names.size() - 1));
    }

    static String phone(Random random) {
        return String.format("%03d-555-%04d", 200 + random.nextInt(800), random.nextInt(10000));
    }

    static String address(Random random) {
        return (1 + random.nextInt(999)) + " " + STREETS.get(random.nextInt(STREETS.size())) + " "
                + String.format("%05d", 1000 + random.nextInt(2000));
    }

    private static String ssn(Random random) {
        return String.format("9%02d-%02d-%04d", random.nextInt(100), random.nextInt(100), random.nextInt(10000));
    }

    private static String pickOther(List<String> names, String not, Random random) {
        String first = not == null ? "" : not.split(" ")[0];
        String pick;
        do {
            pick = names.get(random.nextInt(names.size()));
            // parents do not name twins William and Liam: no two names of one nickname group
        } while (pick.equalsIgnoreCase(first) || NICKNAMES.sameName(MatchRecord.name(pick), MatchRecord.name(first)));
        return pick;
    }
}
