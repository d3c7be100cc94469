package io.docqa.retrieve.named;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.retrieve.named.DocumentMentions.Named;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentMentionsTest {

    static final Map<Long, String> LICENCES = new LinkedHashMap<>();

    static {
        String[] names = {"Apache-2.0.txt", "Artistic.txt", "BSD.txt", "CC0-1.0.txt", "GFDL-1.2.txt", "GFDL-1.3.txt",
            "GPL-1.txt", "GPL-2.txt", "GPL-3.txt", "LGPL-2.txt", "LGPL-2.1.txt", "LGPL-3.txt", "MPL-1.1.txt", "MPL-2.0.txt",
            "pkg-basics.en.html", "index.en.html", "Acme MSA v2.pdf"};
        for (int i = 0; i < names.length; i++) {
            LICENCES.put((long) i + 1, names[i]);
        }
    }

    private static Set<String> named(String question) {
        Named n = DocumentMentions.find(question, LICENCES);
        return Set.copyOf(n.documentIds().stream().map(LICENCES::get).toList());
    }

    @Test
    void a_question_that_names_a_version_names_only_that_document() {
        assertEquals(Set.of("GPL-3.txt"), named("Under GPLv3, do I get my rights back after a breach?"));
        assertEquals(Set.of("GPL-2.txt"), named("What does section 7 of the GPL version 2 say?"));
        assertEquals(Set.of("LGPL-2.1.txt"), named("Does the LGPL 2.1 allow static linking?"));
        assertEquals(Set.of("Apache-2.0.txt"), named("Under Apache 2, what about patents?"));
        assertEquals(Set.of("Apache-2.0.txt"), named("In the Apache License, Version 2.0, what is a Contribution?"));
        assertEquals(Set.of("MPL-2.0.txt"), named("Where is a dispute heard under the Mozilla Public License 2.0?"));
        assertEquals(Set.of("GFDL-1.3.txt"), named("What does GFDL 1.3 say about wikis?"));
        assertEquals(Set.of("Acme MSA v2.pdf"), named("What is the liability cap in the Acme MSA v2?"));
    }

    @Test
    void initials_of_a_written_out_name_and_a_name_without_version_name_the_family() {
        assertEquals(Set.of("LGPL-2.txt", "LGPL-2.1.txt", "LGPL-3.txt"),
                named("Can I link against a library under the GNU Lesser General Public License?"));
        assertEquals(Set.of("Artistic.txt"), named("What does the Artistic License say about fees?"));
        assertEquals(Set.of("GPL-1.txt", "GPL-2.txt", "GPL-3.txt"), named("Is the GPL compatible with this?"));
    }

    @Test
    void ordinary_words_and_common_file_names_name_nothing() {
        assertEquals(Set.of(), named("How do I put a package on hold?"));
        assertEquals(Set.of(), named("what does the index of the manual list?"));
        assertEquals(Set.of(), named("Can I charge money for copies?"));
        assertEquals(Set.of(), named("Where are the pkg basics explained?")); // lower case: not written as a name
    }

    @Test
    void a_named_version_that_no_document_has_is_reported_missing() {
        Named mpl3 = DocumentMentions.find("What does the MPL 3.0 say about patents?", LICENCES);
        assertTrue(mpl3.documentIds().isEmpty());
        assertEquals(List.of("MPL 3.0"), mpl3.missing());
        Named gpl4 = DocumentMentions.find("Is GPLv4 stricter about patents?", LICENCES);
        assertEquals(List.of("GPLv4"), gpl4.missing());
        assertEquals(List.of(), DocumentMentions.find("What does GPLv2 say?", LICENCES).missing());
        assertEquals(Set.of("GPL-1.txt", "GPL-3.txt"), Set.copyOf(DocumentMentions.find("What does GPLv2 say?", LICENCES)
                .siblings().stream().map(LICENCES::get).toList()), "the other versions are siblings");
        assertEquals(List.of("Apache Software License 1.1"),
                DocumentMentions.find("What does the Apache Software License 1.1 say?", LICENCES).missing());
    }

    @Test
    void a_version_written_before_the_name_counts_like_one_written_after_it() {
        assertEquals(Set.of("GPL-2.txt"), named("What does version 2 of the GNU General Public License say about patents?"));
        assertEquals(Set.of("MPL-2.0.txt"), named("Under version 2.0 of the MPL, who is the steward?"));
        Named gpl4 = DocumentMentions.find("How does version 4 of the GNU General Public License change the patent clause?",
                LICENCES);
        assertTrue(gpl4.documentIds().isEmpty());
        assertEquals(List.of("version 4 of the GNU General Public License"), gpl4.missing());
        assertEquals(Set.of("GPL-1.txt", "GPL-2.txt", "GPL-3.txt"),
                named("Which version of the GPL allows this?"), "no number: the whole family");
    }

    @Test
    void the_rest_of_the_question_leaves_out_the_words_that_named_the_document() {
        assertEquals("If we end up in a legal fight over code under the , where does the case get heard?",
                DocumentMentions.find("If we end up in a legal fight over code under the Mozilla Public License 2.0, "
                        + "where does the case get heard?", LICENCES).rest());
        assertEquals("Under , do I get my rights back?", DocumentMentions.find("Under GPLv3, do I get my rights back?",
                LICENCES).rest());
        assertEquals("In the , what is a Contribution?", DocumentMentions.find(
                "In the Apache License, Version 2.0, what is a Contribution?", LICENCES).rest());
    }
}
