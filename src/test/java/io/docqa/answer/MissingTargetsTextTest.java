package io.docqa.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.answer.text.SectionNumbers;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which parts of a question are checked against the documents (the check itself runs in the answer tests). */
class MissingTargetsTextTest {

    @Test
    void section_references_are_taken_with_their_numbers_and_versions_are_not() {
        assertEquals(Set.of("19"), SectionNumbers.sections("What does section 19 of GPLv2 say?"));
        assertEquals(Set.of("7.42"), SectionNumbers.sections("What does question 7.42 of the FAQ say?"));
        assertEquals(Set.of("3.5.3"), SectionNumbers.sections("What does 3.5.3 cover?"));
        assertEquals(Set.of("4"), SectionNumbers.sections("Explain § 4(b)."));
        assertEquals(Set.of(), SectionNumbers.sections("Does the LGPL 2.1 allow it?"));
        assertEquals(Set.of(), SectionNumbers.sections("In the Apache License, Version 2.0, what is a Contribution?"));
    }

    @Test
    void specific_names_are_runs_of_name_words_with_their_number_option_names_and_rare_words() {
        assertEquals(List.of("Windows PowerShell"), shown("How do I make Windows PowerShell stop on errors?"));
        assertEquals(List.of("HISTFILE_MAX"), shown("What does HISTFILE_MAX do?"));
        assertEquals(List.of("autopushd", "Bash"), shown("What does `shopt -s autopushd` do in Bash?"));
        assertEquals(List.of("MIT"), shown("Is code under the MIT licence allowed?"), "sentence starts are skipped");
        assertEquals(List.of("Debian 14"), shown("When is Debian 14 released?"));
        assertEquals(List.of("Secure Boot"), shown("How do I enroll a key for Secure Boot?"));
        assertEquals(List.of("dselect"), shown("How do I use dselect to choose packages?"));
        assertEquals(List.of(), shown("How can I stop one program from being upgraded?"));
    }

    @Test
    void an_everyday_word_spelt_in_pieces_only_for_its_ending_is_not_a_name() {
        // a paraphrase of the Debian FAQ's cron-apt answer: "babysitting" is "baby", "sit", "ting", its stem two pieces
        assertEquals(List.of(), shown("Can my machine fetch updates by itself overnight without me babysitting it?"));
        assertEquals(List.of("zparseopts"), shown("How do I use zparseopts to parse options?"), "a name stays one");
        assertEquals(List.of("sourdough"), shown("What is a good recipe for sourdough bread?"));
    }

    @Test
    void names_of_several_words_with_a_number_or_hyphens_are_looked_for_as_phrases() {
        assertEquals(List.of("bullseye-backports"), shown("How do I install a newer version from bullseye-backports?"));
        assertEquals(List.of(true), phrases("How do I install a newer version from bullseye-backports?"));
        assertEquals(List.of(true), phrases("How do I enroll a key for Secure Boot?"), "\"secure\" and \"boot\" apart do not name it");
        assertEquals(List.of(true), phrases("When is Debian 14 released?"));
        assertEquals(List.of(false), phrases("What does HISTFILE_MAX do?"), "one word: anywhere in a passage");
    }

    private static List<Boolean> phrases(String question) {
        return MissingTargets.names(question).stream().map(MissingTargets.Target::isPhrase).toList();
    }

    private static List<String> shown(String question) {
        return MissingTargets.names(question).stream().map(MissingTargets.Target::shown).toList();
    }
}
