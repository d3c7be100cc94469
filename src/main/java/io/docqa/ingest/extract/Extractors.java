package io.docqa.ingest.extract;

import io.docqa.corpus.Chunk;
import io.docqa.corpus.GlossaryRepository;
import io.docqa.ingest.pipeline.PipelineDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Runs the extractors a pipeline names and stores their results in the transaction that stores the chunks. */
@ApplicationScoped
public class Extractors {

    private final GlossaryRepository glossary;

    public Extractors(GlossaryRepository glossary) {
        this.glossary = glossary;
    }

    public void run(Connection c, long documentId, String text, List<Chunk> chunks, PipelineDefinition pipeline)
            throws SQLException {
        List<GlossaryRepository.Term> terms = pipeline.runs(PipelineDefinition.DEFINED_TERMS)
                ? ContractExtractors.definedTerms(text, chunks) : List.of();
        List<GlossaryRepository.Link> links = pipeline.runs(PipelineDefinition.CROSS_REFERENCES)
                ? ContractExtractors.crossReferences(chunks) : List.of();
        glossary.replace(c, documentId, terms, links);
    }
}
