package io.docqa.security.audit;

import io.docqa.retrieve.RetrievalQuery;
import io.docqa.retrieve.RetrievedPassage;
import io.docqa.retrieve.Retriever;
import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wraps every {@link Retriever}: notes the retrieved chunk ids for the audit trail and, as a last line of defence,
 * refuses a result containing a passage outside the requested collections. The filter itself lives inside the
 * Lucene query and the pgvector SQL; this check never drops results, it fails the request, because such a passage
 * can only come from a bug.
 */
@Decorator
@Priority(10)
public abstract class AuditedRetriever implements Retriever {

    private static final Logger LOG = Logger.getLogger(AuditedRetriever.class);

    @Inject
    @Delegate
    @Any
    Retriever delegate;

    @Inject
    RetrievalRecorder recorder;

    @Override
    public List<RetrievedPassage> retrieve(RetrievalQuery query) {
        List<RetrievedPassage> passages = delegate.retrieve(query);
        for (RetrievedPassage p : passages) {
            if (!query.collectionIds().contains(p.chunk().collectionId())) {
                LOG.errorf("Retrieval returned chunk %d of collection %d outside the requested scope; refusing the result",
                        p.chunk().id(), p.chunk().collectionId());
                throw new IllegalStateException("Retrieval returned a passage outside the permitted collections");
            }
        }
        if (Arc.container().requestContext().isActive()) {
            recorder.add(passages.stream().map(p -> p.chunk().id()).toList());
        }
        return passages;
    }
}
