package io.chartstream.portal.sharing.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ChoiceFormTest {

    private static final Set<String> DIRECTORY =
            Set.of("riverside-clinic", "st-marys-hospital", "northside-pediatrics");

    @Test
    void givenSharingWithABlockAndAWithheldCategory_whenRead_thenTheWholeChoiceIsValid() {
        ChoiceForm.Result result = ChoiceForm.read(
                "share",
                List.of("northside-pediatrics"),
                List.of("PSY", "HIV"),
                List.of("riverside-clinic"),
                DIRECTORY);

        assertEquals(
                new ChoiceForm.Valid(new Sharing.Choices(
                        false, List.of("northside-pediatrics"), List.of("HIV", "PSY"), List.of("riverside-clinic"))),
                result);
    }

    @Test
    void givenOptOutAndNothingChecked_whenRead_thenOptedOutWithNoLists() {
        assertEquals(
                new ChoiceForm.Valid(new Sharing.Choices(true, List.of(), List.of(), List.of())),
                ChoiceForm.read("opt-out", null, null, null, DIRECTORY));
    }

    @Test
    void givenNoSharingChoice_whenRead_thenThePatientIsAskedToChoose() {
        assertInstanceOf(ChoiceForm.Invalid.class, ChoiceForm.read(null, List.of(), List.of(), List.of(), DIRECTORY));
    }

    @Test
    void givenAnOrganizationOutsideTheDirectory_whenRead_thenInvalidNamingIt() {
        assertEquals(
                new ChoiceForm.Invalid("There is no organization evil-corp in the exchange."),
                ChoiceForm.read("share", List.of("evil-corp"), List.of(), List.of(), DIRECTORY));
    }

    @Test
    void givenAnUnknownCategory_whenRead_thenInvalidNamingIt() {
        assertEquals(
                new ChoiceForm.Invalid("There is no category XYZ to withhold."),
                ChoiceForm.read("share", List.of(), List.of("XYZ"), List.of(), DIRECTORY));
    }

    @Test
    void givenAnOrganizationBothBlockedAndSharedPart2_whenRead_thenInvalid() {
        assertInstanceOf(
                ChoiceForm.Invalid.class,
                ChoiceForm.read(
                        "share", List.of("riverside-clinic"), List.of(), List.of("riverside-clinic"), DIRECTORY));
    }
}
