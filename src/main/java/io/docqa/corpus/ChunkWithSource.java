package io.docqa.corpus;

/** A chunk together with the name of the document it belongs to, as shown to users. */
public record ChunkWithSource(Chunk chunk, String documentName) {
}
