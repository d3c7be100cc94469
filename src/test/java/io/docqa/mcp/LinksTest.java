package io.docqa.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The links in tool results: absolute under docqa.mcp.public-url, paths without it; page images only for PDFs. */
class LinksTest {

    @Test
    void links_start_with_the_public_url_when_one_is_set() {
        Links links = new Links(() -> Optional.of(" https://docqa.example.com/ "));
        assertEquals("https://docqa.example.com/api/documents/12", links.document(12));
        assertEquals("https://docqa.example.com/api/documents/12/pages/3", links.page(12, "Lease.PDF", 3));
    }

    @Test
    void without_a_public_url_links_are_paths_and_only_pdf_pages_get_a_page_link() {
        Links links = new Links(Optional::empty);
        assertEquals("/api/documents/7", links.document(7));
        assertNull(links.page(7, "notes.docx", 2));
        assertNull(links.page(7, "scan.pdf", null));
    }
}
