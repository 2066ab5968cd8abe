package io.chartstream.patient.matching.domain;

import io.chartstream.patient.registration.domain.Demographics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Corrupts a person's demographics the way registration desks do: keyboard typos, OCR slips,
 * nicknames, phonetic spellings, transposed or off-by-one birth dates, given and family name
 * swapped, a married name, a move, and fields left empty. Seeded, so a run is repeatable.
 */
public final class RegistrationDesk {

    /** A registration as a desk typed it, and what the desk did to it (for the benchmark's breakdown). */
    public record Typed(Demographics demographics, List<String> kinds) {}

    private final Random random;
    private final Map<String, List<String>> nicknames = readNicknames();
    /** The kinds of corruption applied to the registration being typed. */
    private final List<String> applied = new ArrayList<>();

    private final List<BiFunction<Demographics, Random, Demographics>> corruptions = List.of(
            this::typo,
            this::ocr,
            this::nickname,
            this::phonetic,
            this::birthDate,
            this::birthDate,
            this::swapNames,
            this::married,
            this::moved);

    public RegistrationDesk(long seed) {
        this.random = new Random(seed);
    }

    /** A first registration: as the person is, some fields not asked for. */
    Typed first(Demographics d) {
        applied.clear();
        Demographics out = missing(d, 0.15, 0.35, 0.05);
        return new Typed(out, List.copyOf(applied));
    }

    /** A later registration elsewhere: one to three corruptions, and more fields missing. */
    public Typed later(Demographics d) {
        applied.clear();
        Demographics out = d;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out = corruptions.get(random.nextInt(corruptions.size())).apply(out, random);
        }
        if (random.nextDouble() < 0.005 && out.gender() != null) {
            // the wrong box ticked
            applied.add("gender error");
            String other = "female".equals(out.gender()) ? "male" : "female";
            out = new Demographics(
                    out.given(), out.family(), out.birthDate(), other, out.phone(), out.address(), out.ssn());
        }
        return new Typed(missing(out, 0.2, 0.5, 0.1), List.copyOf(applied));
    }

    private Demographics missing(Demographics d, double phone, double ssn, double address) {
        return new Demographics(
                d.given(),
                d.family(),
                d.birthDate(),
                random.nextDouble() < 0.03 ? dropped("gender") : d.gender(),
                random.nextDouble() < phone ? dropped("phone") : d.phone(),
                random.nextDouble() < address ? dropped("address") : d.address(),
                random.nextDouble() < ssn ? dropped("ssn") : d.ssn());
    }

    private String dropped(String field) {
        applied.add("no " + field);
        return null;
    }

    private Demographics typo(Demographics d, Random r) {
        return r.nextBoolean()
                ? withGiven(d, keyboard(d.given(), r), "typo given")
                : withFamily(d, keyboard(d.family(), r), "typo family");
    }

    private Demographics ocr(Demographics d, Random r) {
        String[][] slips = {{"m", "rn"}, {"rn", "m"}, {"l", "i"}, {"o", "c"}, {"e", "c"}, {"cl", "d"}, {"h", "b"}};
        String[] slip = slips[r.nextInt(slips.length)];
        return r.nextBoolean()
                ? withFamily(d, replaceOnce(d.family(), slip[0], slip[1]), "ocr family")
                : withGiven(d, replaceOnce(d.given(), slip[0], slip[1]), "ocr given");
    }

    private Demographics nickname(Demographics d, Random r) {
        String first = d.given() == null ? "" : d.given().split(" ")[0].toLowerCase();
        List<String> nicks = nicknames.get(first);
        return nicks == null ? typo(d, r) : withGiven(d, nicks.get(r.nextInt(nicks.size())), "nickname");
    }

    private Demographics phonetic(Demographics d, Random r) {
        String[][] sounds = {
            {"ph", "f"},
            {"c", "k"},
            {"y", "i"},
            {"ie", "y"},
            {"ee", "i"},
            {"z", "s"},
            {"ll", "l"},
            {"tt", "t"},
            {"son", "sen"},
            {"th", "t"},
            {"ck", "k"},
            {"i", "y"},
            {"ey", "y"}
        };
        String[] sound = sounds[r.nextInt(sounds.length)];
        return r.nextBoolean()
                ? withFamily(d, replaceOnce(d.family(), sound[0], sound[1]), "phonetic family")
                : withGiven(d, replaceOnce(d.given(), sound[0], sound[1]), "phonetic given");
    }

    private Demographics birthDate(Demographics d, Random r) {
        LocalDate b = d.birthDate();
        if (b == null) {
            return d;
        }
        int kind = r.nextInt(4);
        applied.add(
                switch (kind) {
                    case 0 -> "birth date day-month swap";
                    case 1 -> "birth date -1 day";
                    case 2 -> "birth date year +-1";
                    default -> "birth date day digits swap";
                });
        LocalDate wrong = switch (kind) {
            case 0 ->
                b.getDayOfMonth() <= 12
                        ? LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue())
                        : b.plusDays(1);
            case 1 -> b.minusDays(1);
            case 2 -> b.withYear(b.getYear() + (r.nextBoolean() ? 1 : -1));
            default -> swapDayDigits(b);
        };
        return new Demographics(d.given(), d.family(), wrong, d.gender(), d.phone(), d.address(), d.ssn());
    }

    private Demographics swapNames(Demographics d, Random r) {
        applied.add("swapped names");
        return new Demographics(d.family(), d.given(), d.birthDate(), d.gender(), d.phone(), d.address(), d.ssn());
    }

    private Demographics married(Demographics d, Random r) {
        if (!"female".equals(d.gender())) {
            return moved(d, r);
        }
        return withFamily(d, SourcePersons.skewed(SourcePersons.FAMILY, r), "married");
    }

    private Demographics moved(Demographics d, Random r) {
        boolean newPhone = r.nextBoolean();
        applied.add(newPhone ? "moved, new phone" : "moved");
        String phone = newPhone ? SourcePersons.phone(r) : d.phone();
        return new Demographics(
                d.given(), d.family(), d.birthDate(), d.gender(), phone, SourcePersons.address(r), d.ssn());
    }

    private static LocalDate swapDayDigits(LocalDate b) {
        int day = b.getDayOfMonth();
        int swapped = (day % 10) * 10 + day / 10;
        return swapped >= 1 && swapped <= b.lengthOfMonth() ? b.withDayOfMonth(swapped) : b.plusDays(1);
    }

    private static String keyboard(String s, Random r) {
        if (s == null || s.length() < 3) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        char c = (char) ('a' + r.nextInt(26));
        return switch (r.nextInt(4)) {
            case 0 -> s.substring(0, i) + c + s.substring(i + 1); // substitution
            case 1 -> s.substring(0, i) + s.substring(i + 1); // deletion
            case 2 -> s.substring(0, i) + c + s.substring(i); // insertion
            default -> s.substring(0, i - 1) + s.charAt(i) + s.charAt(i - 1) + s.substring(i + 1); // swap
        };
    }

    private static String replaceOnce(String s, String from, String to) {
        if (s == null) {
            return null;
        }
        int at = s.toLowerCase().indexOf(from);
        return at < 0 ? s : s.substring(0, at) + to + s.substring(at + from.length());
    }

    private Demographics withGiven(Demographics d, String given, String kind) {
        applied.add(kind);
        return new Demographics(given, d.family(), d.birthDate(), d.gender(), d.phone(), d.address(), d.ssn());
    }

    private Demographics withFamily(Demographics d, String family, String kind) {
        applied.add(kind);
        return new Demographics(d.given(), family, d.birthDate(), d.gender(), d.phone(), d.address(), d.ssn());
    }

    /** formal name and each nickname to the other names of its group. */
    private static Map<String, List<String>> readNicknames() {
        Map<String, List<String>> out = new HashMap<>();
        try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> group = List.of(line.strip().replace(":", ",").split("\\s*,\\s*"));
                for (String name : group) {
                    List<String> others = new ArrayList<>(group);
                    others.remove(name);
                    out.computeIfAbsent(name, n -> new ArrayList<>()).addAll(others);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
