package io.docqa.ingest.chunk;

import io.docqa.ingest.parse.ParsedDocument;
import java.util.List;

/** Splits a parsed document into chunks. */
public interface Chunker {
    List<ChunkDraft> chunk(ParsedDocument document);
}
