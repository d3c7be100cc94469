package io.docqa.retrieve.fusion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NavigationTextTest {

    @Test
    void a_table_of_contents_and_an_index_are_navigation() {
        assertTrue(NavigationText.isNavigation("""
                Table of Contents
                7.1. What is a Debian package?
                7.2. What is the format of a Debian binary package?
                7.3. Why are Debian package file names so long?
                7.4. What is a Debian control file?
                7.10. What is meant by Pre-Depends?"""));
        assertTrue(NavigationText.isNavigation("""
                | PIPESTATUS: |   | Bash Variables
                | POSIXLY_CORRECT: |   | Bash Variables
                | PPID: |   | Bash Variables
                | PROMPT_COMMAND: |   | Bash Variables"""));
    }

    @Test
    void a_section_with_its_heading_and_prose_is_not() {
        assertFalse(NavigationText.isNavigation("""
                7.10. What is meant by Pre-Depends?
                Most packages require other packages to be installed first.
                The Pre-Depends field forces dpkg to complete installation of the listed packages before it even
                starts unpacking.
                This is rarely needed."""));
        assertFalse(NavigationText.isNavigation("12.3 Governing Law\nThis agreement is governed by the laws of New York."));
    }
}
