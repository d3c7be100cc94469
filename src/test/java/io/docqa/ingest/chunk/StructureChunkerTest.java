package io.docqa.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.ingest.parse.Block;
import io.docqa.ingest.parse.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureChunkerTest {

    /** Builds a document from (kind, level, text, page) rows the way the parser does: blocks joined by a blank line. */
    private static final class DocBuilder {
        private final StringBuilder text = new StringBuilder();
        private final List<Block> blocks = new ArrayList<>();
        private final List<Integer> pageStarts = new ArrayList<>();

        DocBuilder page() {
            pageStarts.add(text.length());
            return this;
        }

        DocBuilder heading(int level, String s) {
            return add(Block.Kind.HEADING, level, s);
        }

        DocBuilder para(String s) {
            return add(Block.Kind.PARAGRAPH, 0, s);
        }

        DocBuilder add(Block.Kind kind, int level, String s) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(s);
            blocks.add(new Block(kind, level, start, text.length(), pageStarts.size()));
            return this;
        }

        ParsedDocument build() {
            return new ParsedDocument("text/plain", text.toString(), blocks,
                    pageStarts.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static String sentences(String prefix, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            sb.append(sb.isEmpty() ? "" : " ").append(prefix).append(" sentence number ").append(i)
                    .append(" says something specific about the topic at hand.");
        }
        return sb.toString();
    }

    @Test
    void chunk_text_is_exactly_the_document_text_at_its_offsets() {
        ParsedDocument doc = new DocBuilder().heading(1, "Intro").para(sentences("Alpha", 40))
                .heading(2, "Details").para(sentences("Beta", 3)).build();
        List<ChunkDraft> chunks = new StructureChunker(400, 80).chunk(doc);
        assertTrue(chunks.size() > 3);
        for (ChunkDraft c : chunks) {
            assertEquals(doc.text().substring(c.start(), c.end()), c.text());
        }
    }

    @Test
    void chunks_respect_the_size_bound() {
        ParsedDocument doc = new DocBuilder().para(sentences("Gamma", 60)).build();
        List<ChunkDraft> chunks = new StructureChunker(500, 100).chunk(doc);
        for (ChunkDraft c : chunks) {
            assertTrue(c.text().length() <= 500, "chunk of " + c.text().length() + " chars");
        }
        assertEquals(doc.text().length(), chunks.get(chunks.size() - 1).end(), "the end of the text is covered");
    }

    @Test
    void consecutive_chunks_overlap_by_whole_sentences() {
        ParsedDocument doc = new DocBuilder().para(sentences("Delta", 30)).build();
        List<ChunkDraft> chunks = new StructureChunker(400, 120).chunk(doc);
        for (int i = 1; i < chunks.size(); i++) {
            ChunkDraft prev = chunks.get(i - 1);
            ChunkDraft next = chunks.get(i);
            assertTrue(next.start() < prev.end(), "chunk " + i + " repeats the end of the previous one");
            assertTrue(prev.end() - next.start() <= 120, "overlap stays within the configured size");
            assertTrue(next.text().startsWith("Delta"), "overlap starts at a sentence: " + next.text());
        }
    }

    @Test
    void a_heading_starts_a_new_chunk_and_sets_the_heading_path() {
        ParsedDocument doc = new DocBuilder()
                .heading(1, "Article 7").heading(2, "7.2 Termination for convenience")
                .para("Either party may terminate with ninety days notice.")
                .heading(2, "7.3 Termination for cause").para("A material breach allows termination.")
                .heading(1, "Article 8").para("Fees are due monthly.").build();
        List<ChunkDraft> chunks = new StructureChunker(1000, 100).chunk(doc);
        assertEquals(3, chunks.size());
        assertEquals("Article 7 › 7.2 Termination for convenience", chunks.get(0).headingPath());
        assertTrue(chunks.get(0).text().startsWith("Article 7"), "the section's headings are part of its first chunk");
        assertEquals("Article 7 › 7.3 Termination for cause", chunks.get(1).headingPath());
        assertEquals("Article 8", chunks.get(2).headingPath());
        assertTrue(chunks.get(1).embeddingText().startsWith("Article 7 › 7.3"), "the embedded text carries the path");
    }

    @Test
    void a_page_break_ends_a_chunk_so_each_chunk_cites_one_page() {
        ParsedDocument doc = new DocBuilder().page().heading(1, "Terms").para(sentences("Page one", 3)).page()
                .para(sentences("Page two", 3)).build();
        List<ChunkDraft> chunks = new StructureChunker(10_000, 100).chunk(doc);
        assertEquals(2, chunks.size());
        assertEquals(1, chunks.get(0).page());
        assertEquals(1, chunks.get(0).pageEnd());
        assertEquals(2, chunks.get(1).page());
        assertEquals(2, chunks.get(1).pageEnd());
        assertEquals("Terms", chunks.get(1).headingPath(), "the section continues on the next page");
        assertTrue(chunks.get(1).text().startsWith("Page two"));
    }

    @Test
    void unpaged_documents_have_no_page() {
        List<ChunkDraft> chunks = new StructureChunker(1000, 100).chunk(new DocBuilder().para("Just text here.").build());
        assertNull(chunks.get(0).page());
    }

    @Test
    void a_sentence_longer_than_a_chunk_is_split_at_spaces() {
        String longSentence = "word ".repeat(500).strip();
        List<ChunkDraft> chunks = new StructureChunker(300, 0).chunk(new DocBuilder().para(longSentence).build());
        assertTrue(chunks.size() >= 8);
        chunks.forEach(c -> assertTrue(c.text().length() <= 300));
        chunks.forEach(c -> assertTrue(c.text().startsWith("word") && c.text().endsWith("word"), c.text()));
    }

    @Test
    void a_definition_list_term_starts_a_chunk_and_labels_the_later_parts_of_its_description() {
        DocBuilder b = new DocBuilder().heading(1, "The Set Builtin").para(sentences("Intro", 3));
        b.add(Block.Kind.TERM, 0, "-a").para("Each variable that is created is marked for export.");
        b.add(Block.Kind.TERM, 0, "-b").para("Cause the status of terminated background jobs to be reported at once.");
        b.add(Block.Kind.TERM, 0, "-e").para("Exit immediately if a pipeline returns a non-zero status. " + sentences("Errexit", 8));
        List<ChunkDraft> chunks = new StructureChunker(400, 0).chunk(b.build());
        // the introduction (over a quarter of 400) stands alone; -a and -b are short and share a chunk
        assertTrue(chunks.get(0).text().startsWith("The Set Builtin") && !chunks.get(0).text().contains("-a"), chunks.get(0).text());
        assertTrue(chunks.get(1).text().startsWith("-a") && chunks.get(1).text().contains("-b"), chunks.get(1).text());
        assertTrue(!chunks.get(1).text().contains("Exit immediately"), "a new term after a full enough chunk starts a chunk");
        assertTrue(chunks.get(2).text().startsWith("-e\n\nExit immediately"), chunks.get(2).text());
        assertNull(chunks.get(2).context(), "the term is in the chunk's own text");
        assertTrue(chunks.size() >= 4);
        for (ChunkDraft later : chunks.subList(3, chunks.size())) {
            assertEquals("-e", later.context(), "a later part of -e's description is read under its term");
            assertTrue(later.embeddingText().contains("-e\n"), later.embeddingText());
        }
        assertEquals("The Set Builtin", chunks.get(2).headingPath());
    }

    @Test
    void a_heading_ends_a_term_so_that_the_next_section_is_not_labelled_with_it() {
        DocBuilder b = new DocBuilder().heading(1, "Options");
        b.add(Block.Kind.TERM, 0, "-x").para(sentences("Trace", 2));
        b.heading(1, "Variables").para(sentences("Variables", 12));
        List<ChunkDraft> chunks = new StructureChunker(300, 0).chunk(b.build());
        chunks.stream().filter(c -> "Variables".equals(c.headingPath())).forEach(c -> assertNull(c.context()));
    }

    @Test
    void an_option_of_a_nested_list_is_read_under_its_outer_term() {
        DocBuilder b = new DocBuilder().heading(1, "Bash Builtin Commands");
        b.add(Block.Kind.TERM, 1, "declare").para("Declare variables and give them attributes. " + sentences("Declare", 3));
        b.add(Block.Kind.TERM, 2, "-a").para("Each name is an indexed array variable. " + sentences("Arrays", 2));
        b.add(Block.Kind.TERM, 2, "-n").para("Give each name the nameref attribute, making it a reference to another variable. " + sentences("Nameref", 2));
        b.add(Block.Kind.TERM, 1, "echo").para("Output the args, separated by spaces. " + sentences("Echo", 2));
        List<ChunkDraft> chunks = new StructureChunker(400, 0).chunk(b.build());
        ChunkDraft nameref = chunks.stream().filter(c -> c.text().contains("nameref")).findFirst().orElseThrow();
        assertTrue(nameref.text().startsWith("-"), nameref.text());
        assertEquals("declare", nameref.context(), "the option's chunk says whose option it is");
        ChunkDraft echo = chunks.stream().filter(c -> c.text().startsWith("echo")).findFirst().orElseThrow();
        assertNull(echo.context(), "a term of the outer list ends the nested one");
    }
}
