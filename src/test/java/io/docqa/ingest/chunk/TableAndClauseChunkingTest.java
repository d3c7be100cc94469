package io.docqa.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.GlossaryRepository.Link;
import io.docqa.corpus.GlossaryRepository.Term;
import io.docqa.ingest.extract.ContractExtractors;
import io.docqa.ingest.parse.Block;
import io.docqa.ingest.parse.ParsedDocument;
import io.docqa.ingest.parse.TikaDocumentParser;
import io.docqa.testing.IngestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tables split by rows with their header repeated; contracts chunked by clause; glossary and cross-references. */
class TableAndClauseChunkingTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private final TikaDocumentParser parser = new TikaDocumentParser(IngestConfigs.of(10_000_000, 1_000_000));

    @Test
    void a_table_too_large_for_one_chunk_is_split_by_rows_and_each_part_repeats_the_header_row() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("formats/price-list.docx"), "price-list.docx");
        Block table = doc.blocks().stream().filter(b -> b.kind() == Block.Kind.TABLE).findFirst().orElseThrow();
        String header = "Product code | Product name | Unit price";
        assertTrue(doc.text().substring(table.start(), table.end()).startsWith(header + "\n"));

        List<ChunkDraft> chunks = new StructureChunker(600, 100).chunk(doc);
        List<ChunkDraft> tableChunks = chunks.stream().filter(c -> c.start() >= table.start() && c.end() <= table.end()
                || c.text().contains("PX-0")).toList();
        assertTrue(tableChunks.size() >= 3, "a 60-row table in 600-character chunks: " + tableChunks.size());
        for (ChunkDraft c : tableChunks) {
            assertEquals(doc.text().substring(c.start(), c.end()), c.text(), "offsets stay exact");
            assertTrue(c.text().contains(header + "\n") || header.equals(c.context()), "no header in chunk " + c.ordinal());
            assertTrue(c.embeddingText().contains(header), "the header is embedded with every part");
            for (String line : c.text().split("\n")) {
                assertTrue(line.equals(header) || line.matches("PX-\\d{3} \\| .+ \\| [\\d.]+") || !line.contains("PX-"),
                        "rows are never cut: " + line);
            }
        }
        assertNull(tableChunks.get(0).context(), "the first part holds the header itself");
        String all = tableChunks.stream().map(ChunkDraft::text).collect(Collectors.joining("\n"));
        for (int r = 1; r <= 60; r++) {
            assertTrue(all.contains(String.format("PX-%03d |", r)), "row " + r + " is kept");
        }
    }

    @Test
    void a_table_that_fits_stays_whole_in_one_chunk() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("formats/budget.xlsx"), "budget.xlsx");
        List<ChunkDraft> chunks = new StructureChunker(1200, 200).chunk(doc);
        List<ChunkDraft> withTable = chunks.stream().filter(c -> c.text().contains("Department | Budget")).toList();
        assertEquals(1, withTable.size());
        assertTrue(withTable.get(0).text().contains("Facilities | 95000 | Mara Lindqvist"));
    }

    @Test
    void contract_clauses_become_chunks_with_their_clause_path_even_in_a_pdf_without_headings() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("supply-contract.pdf"), "supply-contract.pdf");
        assertTrue(doc.blocks().stream().noneMatch(Block::isHeading), "Tika sees only paragraphs in this PDF");

        List<ChunkDraft> chunks = new ClauseChunker(1500, 0).chunk(doc);
        Map<String, String> byClause = new java.util.LinkedHashMap<>();
        for (ChunkDraft c : chunks) {
            byClause.put(c.headingPath(), c.text());
            assertEquals(doc.text().substring(c.start(), c.end()), c.text());
        }
        assertTrue(byClause.containsKey("Article 2 Delivery › 2.2 Late delivery"), byClause.keySet().toString());
        assertTrue(byClause.containsKey("Article 2 Delivery › 2.2 Late delivery › (a)"), byClause.keySet().toString());
        assertTrue(byClause.containsKey("Article 3 Price and Payment › 3.2 Liquidated damages"), byClause.keySet().toString());
        assertTrue(byClause.containsKey("Article 1 Definitions › 1.1"), byClause.keySet().toString());
        assertTrue(byClause.containsKey("Exhibit A Price List"), byClause.keySet().toString());
        String damages = byClause.get("Article 3 Price and Payment › 3.2 Liquidated damages");
        assertTrue(damages.contains("two percent (2%)") && !damages.contains("sixty (60) days"),
                "one clause per chunk: " + damages);
    }

    @Test
    void defined_terms_and_cross_references_are_extracted_from_a_contract() throws Exception {
        ParsedDocument doc = parser.parse(FIXTURES.resolve("supply-contract.pdf"), "supply-contract.pdf");
        List<ChunkDraft> drafts = new ClauseChunker(1500, 0).chunk(doc);
        List<Chunk> chunks = new ArrayList<>();
        for (ChunkDraft d : drafts) {
            chunks.add(new Chunk(100 + d.ordinal(), 1, 1, d.ordinal(), d.text(), d.headingPath(), d.page(), d.pageEnd(),
                    d.start(), d.end()));
        }
        Map<String, Term> terms = ContractExtractors.definedTerms(doc.text(), chunks).stream()
                .collect(Collectors.toMap(Term::term, t -> t));
        assertEquals(java.util.Set.of("Agreement", "Buyer", "Supplier", "Products", "Delivery Date"), terms.keySet());
        assertTrue(terms.get("Delivery Date").definition().contains("shall mean the date stated in a purchase order"));
        assertTrue(terms.get("Products").definition().contains("means the industrial valves"));
        assertTrue(terms.get("Buyer").definition().contains("Initech GmbH (the \"Buyer\")"));
        Term products = terms.get("Products");
        assertEquals(doc.text().substring(products.start(), products.end()).replaceAll("\\s+", " ").strip(), products.definition());

        List<Link> links = ContractExtractors.crossReferences(chunks);
        Map<Long, Chunk> byId = chunks.stream().collect(Collectors.toMap(Chunk::id, c -> c));
        List<String> described = links.stream().map(l -> byId.get(l.sourceChunkId()).headingPath() + " -> " + l.label()
                + " -> " + byId.get(l.targetChunkId()).headingPath()).toList();
        assertTrue(described.contains("Article 2 Delivery › 2.2 Late delivery -> Section 3.2 -> Article 3 Price and Payment › 3.2 Liquidated damages"),
                described.toString());
        assertTrue(described.contains("Article 2 Delivery › 2.2 Late delivery › (b) -> Section 4.1 -> Article 4 Term and Termination › 4.1"),
                described.toString());
        assertTrue(described.stream().anyMatch(d -> d.endsWith("-> Exhibit A -> Exhibit A Price List")), described.toString());
    }
}
