package io.docqa.retrieve.expand;

import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.GlossaryRepository;
import io.docqa.corpus.GlossaryRepository.Link;
import io.docqa.corpus.GlossaryRepository.Term;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievedPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Adds to retrieved passages what is needed to read them: the definition of a defined term a passage uses, the
 * clause a passage cites ("Section 12.3", "Schedule 2"), and optionally the chunks next to the top passages. Each
 * added passage follows the passage it was added for and says why ({@link RetrievedPassage#addedFor()}). Only one
 * hop (nothing is added for an added passage), at most {@link ExpandConfig#maxAdded()} in all, and only from the
 * caller's {@link AccessScope}, so access control holds. Definitions and links come from the contracts pipeline's
 * glossary; for documents without one only neighbours apply.
 */
@ApplicationScoped
public class PassageExpander {

    private final GlossaryRepository glossary;
    private final ChunkRepository chunks;
    private final ExpandConfig config;

    public PassageExpander(GlossaryRepository glossary, ChunkRepository chunks, ExpandConfig config) {
        this.glossary = glossary;
        this.chunks = chunks;
        this.config = config;
    }

    /** The passages with additions, when expansion is switched on in the configuration. */
    public List<RetrievedPassage> expand(AccessScope scope, List<RetrievedPassage> passages) {
        return config.enabled() ? expandNow(scope, passages) : passages;
    }

    /** The passages with additions, whatever the configuration's {@code enabled} says (an explicit request). */
    public List<RetrievedPassage> expandNow(AccessScope scope, List<RetrievedPassage> passages) {
        if (passages.isEmpty() || config.maxAdded() <= 0) {
            return passages;
        }
        Set<Long> present = new HashSet<>();
        passages.forEach(p -> present.add(p.chunk().id()));
        // chunk id → why, per retrieved passage, in the order of the passages
        List<Map<Long, String>> wanted = new ArrayList<>();
        Map<Long, List<Term>> termsByDocument = new HashMap<>();
        Map<Long, List<Link>> linksByDocument = new HashMap<>();
        int budget = config.maxAdded();
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage p = passages.get(i);
            Map<Long, String> add = new LinkedHashMap<>();
            long documentId = p.chunk().documentId();
            if (config.references()) {
                for (Link l : linksByDocument.computeIfAbsent(documentId, glossary::links)) {
                    if (l.sourceChunkId() == p.chunk().id()) {
                        add.putIfAbsent(l.targetChunkId(), l.label() + ", referred to in a retrieved passage");
                    }
                }
            }
            if (config.definitions()) {
                for (Term t : termsByDocument.computeIfAbsent(documentId, glossary::terms)) {
                    if (t.chunkId() != null && t.chunkId() != p.chunk().id() && uses(p.chunk().text(), t.term())) {
                        add.putIfAbsent(t.chunkId(), "definition of \"" + t.term() + "\"");
                    }
                }
            }
            if (config.neighbours() > 0 && i < config.neighbourHits()) {
                for (long id : chunks.idsNear(documentId, p.chunk().ordinal(), config.neighbours())) {
                    add.putIfAbsent(id, "next to a retrieved passage");
                }
            }
            add.keySet().removeIf(present::contains);
            Map<Long, String> kept = new LinkedHashMap<>();
            for (Map.Entry<Long, String> e : add.entrySet()) {
                if (budget == 0) {
                    break;
                }
                if (present.add(e.getKey())) {
                    kept.put(e.getKey(), e.getValue());
                    budget--;
                }
            }
            wanted.add(kept);
        }
        List<Long> ids = wanted.stream().flatMap(m -> m.keySet().stream()).toList();
        if (ids.isEmpty()) {
            return passages;
        }
        Map<Long, ChunkWithSource> loaded = chunks.findWithSource(ids);
        Set<Long> readable = new HashSet<>(scope.collectionIds());
        List<RetrievedPassage> out = new ArrayList<>(passages.size() + ids.size());
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage p = passages.get(i);
            out.add(p);
            for (Map.Entry<Long, String> e : wanted.get(i).entrySet()) {
                ChunkWithSource c = loaded.get(e.getKey());
                if (c != null && readable.contains(c.chunk().collectionId())) {
                    out.add(new RetrievedPassage(c.chunk(), c.documentName(), p.score(), 0, 0, Double.NaN, e.getValue()));
                }
            }
        }
        return out;
    }

    /** Whether the text uses the term as a whole word or phrase, with its capitals (defined terms are capitalised). */
    static boolean uses(String text, String term) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }
}
