package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The on-disk Lucene directory under {@code DOCQA_DATA_DIR/index}. It guarantees that an index exists, so
 * that the writer (owned by ingest) and the searcher (owned by retrieve) can each open it independently.
 */
@ApplicationScoped
public class LuceneStore {

    private final Directory directory;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    public LuceneStore(StorageConfig config) {
        try {
            Files.createDirectories(config.indexDir());
            this.directory = FSDirectory.open(config.indexDir());
            if (!DirectoryReader.indexExists(directory)) {
                IndexWriterConfig iwc = new IndexWriterConfig(IndexFields.analyzer())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                try (IndexWriter writer = new IndexWriter(directory, iwc)) {
                    writer.commit();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Lucene index at " + config.indexDir(), e);
        }
    }

    public Directory directory() {
        return directory;
    }

    /** Called by the application's writer after each commit, so that searchers reopen without asking the directory. */
    public void committed() {
        commits.incrementAndGet();
    }

    /**
     * Commits the application's writer has made since start: a searcher opened after the last change of this
     * number is current (reading the directory to find out costs a file open and a memory mapping per search).
     */
    public long commits() {
        return commits.get();
    }
}
