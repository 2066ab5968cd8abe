package io.chartstream.portal.sharing.domain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the sharing page's form sends, checked: {@code sharing} is {@code share} or {@code opt-out};
 * blocked and Part 2 organizations must be in the directory; categories must be known. The
 * result is the whole choice, which replaces the previous one.
 */
public final class ChoiceForm {

    public static final String SHARE = "share";
    public static final String OPT_OUT = "opt-out";

    private ChoiceForm() {}

    /** The checked choice, or a message for the patient that says what was wrong. */
    public sealed interface Result permits Valid, Invalid {}

    public record Valid(Sharing.Choices choices) implements Result {}

    public record Invalid(String message) implements Result {}

    public static Result read(
            String sharing, List<String> block, List<String> withhold, List<String> part2, Set<String> directory) {
        if (!SHARE.equals(sharing) && !OPT_OUT.equals(sharing)) {
            return new Invalid("Choose whether to share your record or to opt out.");
        }
        Set<String> blocked = new TreeSet<>(orEmpty(block));
        Set<String> part2Orgs = new TreeSet<>(orEmpty(part2));
        for (String org : union(blocked, part2Orgs)) {
            if (!directory.contains(org)) {
                return new Invalid("There is no organization " + org + " in the exchange.");
            }
        }
        Set<String> withheld = new TreeSet<>(orEmpty(withhold));
        for (String code : withheld) {
            if (SensitiveCategory.ofCode(code).isEmpty()) {
                return new Invalid("There is no category " + code + " to withhold.");
            }
        }
        Set<String> blockedAndPart2 = new TreeSet<>(blocked);
        blockedAndPart2.retainAll(part2Orgs);
        if (!blockedAndPart2.isEmpty()) {
            return new Invalid("You blocked " + String.join(", ", blockedAndPart2)
                    + " and shared substance-use treatment records with it: choose one.");
        }
        return new Valid(new Sharing.Choices(
                OPT_OUT.equals(sharing), List.copyOf(blocked), List.copyOf(withheld), List.copyOf(part2Orgs)));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
