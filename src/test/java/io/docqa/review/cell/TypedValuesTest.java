package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalisers of typed cells: dates, money, durations, numbers, yes/no and parties. */
class TypedValuesTest {

    private static List<String> normalized(List<TypedValue> values) {
        return values.stream().map(TypedValue::normalized).toList();
    }

    @Test
    void dates_written_in_words_or_digits_normalise_to_iso() {
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("made on March 31, 2024 by")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("dated 31 March 2024.")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("the 31st of March, 2024")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("on Mar. 31 2024")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("effective 2024-03-31")));
        assertEquals(List.of("2024-09-01"), normalized(Dates.find("from 1 Sept 2024")));
        assertEquals(List.of("2007-06-29"), normalized(Dates.find("Version 3, 29 June 2007")));
        assertEquals(List.of("1991-06"), normalized(Dates.find("Version 2, June 1991")), "a month without a day");
    }

    @Test
    void numeric_dates_are_read_day_first_unless_only_month_first_makes_a_date() {
        assertEquals(List.of("2024-03-04"), normalized(Dates.find("signed 04/03/2024")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("signed 03/31/2024")));
        assertEquals(List.of("2024-03-31"), normalized(Dates.find("signed 31.03.2024")));
    }

    @Test
    void impossible_dates_and_lookalikes_are_not_dates() {
        assertEquals(List.of(), Dates.find("on 30 February 2023"));
        assertEquals(List.of(), Dates.find("release 1.2.3 of the code"));
        assertEquals(List.of(), Dates.find("you may 2 copies"));
        assertNull(Dates.normalise("tomorrow"));
        assertEquals("2024-03-31", Dates.normalise(" March 31, 2024 "));
    }

    @Test
    void money_normalises_to_amount_and_iso_currency() {
        assertEquals(List.of("1000000 USD"), normalized(Money.find("liability is capped at $1,000,000 in total")));
        assertEquals(List.of("2500000 USD"), normalized(Money.find("USD 2.5 million")));
        assertEquals(List.of("500 EUR"), normalized(Money.find("a fee of EUR 500 per year")));
        assertEquals(List.of("1000 EUR"), normalized(Money.find("€1,000")));
        assertEquals(List.of("48000 GBP"), normalized(Money.find("The annual licence fee is 48,000 pounds, payable")));
        assertEquals(List.of("10000 USD"), normalized(Money.find("ten thousand dollars")));
        assertEquals(List.of("5000 GBP"), normalized(Money.find("5,000 pounds sterling")));
        assertEquals(List.of("500 CAD"), normalized(Money.find("$500 Canadian dollars")));
        assertEquals(List.of("99.5 USD"), normalized(Money.find("US$99.50")));
    }

    @Test
    void amounts_without_a_currency_are_not_money() {
        assertEquals(List.of(), Money.find("at least 100 copies within 30 days"));
    }

    @Test
    void durations_in_months_or_years_normalise_to_months_and_days_keep_their_unit() {
        assertEquals(List.of("36"), normalized(Durations.find("valid for at least three years")));
        assertEquals(List.of("12"), normalized(Durations.find("an initial term of twelve (12) months")));
        assertEquals(List.of("12"), normalized(Durations.find("a period of one year")));
        assertEquals(List.of("12"), normalized(Durations.find("for a year")));
        assertEquals(List.of("30 days"), normalized(Durations.find("prior to 30 days after your receipt")));
        assertEquals(List.of("90 days"), normalized(Durations.find("ninety (90) days' prior written notice")));
        assertEquals(List.of("60 days"), normalized(Durations.find("a 60-day cure period")));
        assertEquals(List.of("10 business days"), normalized(Durations.find("within 10 business days")));
        assertEquals(List.of("2 weeks"), normalized(Durations.find("two weeks")));
        assertEquals(List.of("1 day"), normalized(Durations.find("one day")));
        assertEquals("thirty (30) days", Durations.find("within thirty (30) days of").get(0).words(),
                "the original words are kept");
    }

    @Test
    void numbers_in_digits_or_words_and_not_section_numbers() {
        assertEquals(List.of("100"), normalized(NumberWords.find("numbering more than 100, and")));
        assertEquals(List.of("5"), normalized(NumberWords.find("at least five of the principal authors")));
        assertEquals(List.of("90"), normalized(NumberWords.find("ninety (90)")));
        assertEquals(List.of("1000000"), normalized(NumberWords.find("1,000,000")));
        assertEquals(List.of("2.1"), normalized(NumberWords.find("Version 2.1")));
        assertEquals(List.of("24"), normalized(NumberWords.find("twenty-four")));
        assertEquals(List.of("120"), normalized(NumberWords.find("one hundred and twenty")));
        assertEquals(List.of(), NumberWords.find("see section 3.1.2"));
        assertEquals(List.of("3"), normalized(NumberWords.find("  9. The Foundation may publish version 3")),
                "the number of a numbered clause is no value");
        assertEquals(List.of("2"), normalized(NumberWords.find("10.3. Modified Versions\nVersion 2")));
    }

    @Test
    void yes_no_follows_the_polarity_of_question_and_governing_clause() {
        assertEquals("no", YesNo.answer("May the licensee assign the agreement?", "Licensee shall not assign this Agreement."));
        assertEquals("yes", YesNo.answer("Is assignment prohibited?", "Licensee shall not assign this Agreement."));
        assertEquals("yes", YesNo.answer("Is there a warranty disclaimer?",
                "THIS PACKAGE IS PROVIDED \"AS IS\" AND WITHOUT ANY EXPRESS OR IMPLIED WARRANTIES"));
        assertEquals("no", YesNo.answer("Does the licence give a warranty?", "There is no warranty for the program."));
        assertEquals("yes", YesNo.answer("Does the licence grant a patent licence?",
                "each Contributor hereby grants to You a perpetual, worldwide patent license"));
        assertEquals("no", YesNo.answer("Are patent rights licensed?",
                "No trademark or patent rights held by Affirmer are waived, abandoned, surrendered, licensed"));
        assertEquals("yes", YesNo.stated("Yes, under section 3."));
        assertEquals("no", YesNo.stated("No."));
        assertNull(YesNo.stated("Nothing says so"));
    }

    @Test
    void parties_come_from_the_preamble_and_from_definitions_of_persons() {
        assertEquals("Northwind Analytics Ltd; Contoso Retail plc", Parties.join(Parties.find(
                "This Agreement is made between Northwind Analytics Ltd (the \"Licensor\") and Contoso Retail plc "
                        + "(the \"Licensee\").")));
        assertEquals("Licensor; You", Parties.join(Parties.find("""
                "License" shall mean the terms and conditions for use.
                "Licensor" shall mean the copyright owner or entity authorized by the copyright owner.
                "Legal Entity" shall mean the union of the acting entity and all other entities.
                "You" (or "Your") shall mean an individual or Legal Entity exercising permissions.
                """)));
        assertEquals("you", Parties.join(Parties.find("Each licensee is addressed as \"you\".")));
        assertEquals("Affirmer", Parties.join(Parties.find("the person associating CC0 with a Work (the \"Affirmer\"), to")));
        assertEquals("", Parties.join(Parties.find("\"Reasonable copying fee\" is whatever you can justify")));
    }
}
