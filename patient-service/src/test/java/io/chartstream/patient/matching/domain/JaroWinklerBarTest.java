package io.chartstream.patient.matching.domain;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JaroWinklerBarTest {

    private static final JaroWinklerSimilarity LIBRARY = new JaroWinklerSimilarity();

    /** Names and near-names (slips, shared letters in another order), addresses, random strings. */
    private static List<String> strings() {
        List<String> out = new ArrayList<>(List.of(
                "james",
                "jmaes",
                "jim",
                "smith",
                "smyth",
                "srnith",
                "mark",
                "mary",
                "jon",
                "john",
                "ann",
                "anna",
                "catherine",
                "kathryn",
                "dixon",
                "dicksonx",
                "abcd",
                "dcba",
                "12 main st",
                "12 main street",
                "21 main st",
                "12 mian st",
                "wei",
                "mei",
                "garcialopez",
                "lopez",
                "a",
                "ab"));
        Random random = new Random(12);
        for (int i = 0; i < 400; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(9);
            for (int j = 0; j < length; j++) {
                s.append((char) ('a' + random.nextInt(i % 2 == 0 ? 5 : 26)));
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void theBoundIsNeverUnderTheLibrarysSimilarityAndTheAnswerIsTheLibrarys() {
        List<String> strings = strings();
        int skipped = 0;
        for (String a : strings) {
            for (String b : strings) {
                double similarity = LIBRARY.apply(a, b);
                assertTrue(JaroWinklerBar.upperBound(a, b) >= similarity - 1e-12, a + "/" + b);
                for (double bar : new double[] {0.85, 0.90, 0.95}) {
                    assertEquals(similarity >= bar, JaroWinklerBar.reaches(a, b, bar), a + "/" + b + " " + bar);
                }
                if (JaroWinklerBar.upperBound(a, b) < 0.90) {
                    skipped++;
                }
            }
        }
        assertTrue(
                skipped > strings.size() * strings.size() / 2, "the bound spares the library most pairs: " + skipped);
    }

    @Test
    void namesSoundAlikeExactlyWhenDoubleMetaphoneSaysSo() {
        DoubleMetaphone metaphone = new DoubleMetaphone();
        NameSounds sounds = new NameSounds();
        List<String> strings = strings().subList(0, 120);
        for (int round = 0; round < 2; round++) {
            for (String a : strings) {
                for (String b : strings) {
                    boolean library =
                            metaphone.isDoubleMetaphoneEqual(a, b) || metaphone.isDoubleMetaphoneEqual(a, b, true);
                    assertEquals(library, sounds.alike(a, b), a + "/" + b);
                }
            }
        }
    }
}
