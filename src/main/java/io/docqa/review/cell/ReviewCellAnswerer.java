package io.docqa.review.cell;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import io.docqa.answer.RelevanceGate;
import io.docqa.answer.llm.ChatModelProducer;
import io.docqa.answer.llm.LlmAnswerer;
import io.docqa.answer.model.SentenceCheck;
import io.docqa.answer.prompt.PromptBuilder;
import io.docqa.answer.text.Terms;
import io.docqa.answer.verify.AnswerVerifier;
import io.docqa.answer.verify.AnswerVerifier.Source;
import io.docqa.answer.verify.AnswerVerifier.Span;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.corpus.Sentences;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.Retriever;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Answers a cell from its own document: the document's passages closest to the column's question (hybrid
 * retrieval restricted to the document), the relevance gate of answers ("not found" rather than a guess), then
 * either extractively, the best sentence of the relevant passages that holds a value of the column's type
 * (conflicting when a sentence of another clause, scored close to it, holds a different value), or with
 * the configured chat model, whose short answer must come with a quote found verbatim in the document and, for
 * typed answers, holding the same value. The rules are in docs/reviews.md, "How a cell is answered". Stateless:
 * safe on any number of worker threads.
 */
@ApplicationScoped
public class ReviewCellAnswerer implements CellAnswerer {

    private static final Logger LOG = Logger.getLogger(ReviewCellAnswerer.class);
    /** Passages of the document retrieved per cell. */
    static final int PASSAGES = 6;
    /** Longest part of a question that is searched for (a 10,000-character question is mostly noise). */
    static final int MAX_QUESTION_CHARS = 1000;
    /** Sentences shorter than this are headings or fragments, no answer to a text or yes/no column. */
    static final int MIN_SENTENCE_CHARS = 25;
    /** Longest clause quoted for a clause column; a longer paragraph is cut at a sentence end before this. */
    static final int MAX_CLAUSE_CHARS = 3000;

    private final Retriever retriever;
    private final RelevanceGate gate;
    private final DocumentRepository documents;
    private final ChunkRepository chunks;
    private final AnswerVerifier verifier;
    private final Optional<ChatModel> model;
    private final int maxContextTokens;

    @Inject
    public ReviewCellAnswerer(Retriever retriever, RelevanceGate gate, DocumentRepository documents,
            ChunkRepository chunks, AnswerVerifier verifier, ChatModelProducer models) {
        this(retriever, gate, documents, chunks, verifier, models.model(), models.config().maxContextTokens());
    }

    ReviewCellAnswerer(Retriever retriever, RelevanceGate gate, DocumentRepository documents, ChunkRepository chunks,
            AnswerVerifier verifier, Optional<ChatModel> model, int maxContextTokens) {
        this.retriever = retriever;
        this.gate = gate;
        this.documents = documents;
        this.chunks = chunks;
        this.verifier = verifier;
        this.model = model;
        this.maxContextTokens = maxContextTokens;
    }

    /** The same answerer with another chat model (empty: extractive), e.g. a review run with a chosen model. */
    public ReviewCellAnswerer withModel(Optional<ChatModel> other) {
        return new ReviewCellAnswerer(retriever, gate, documents, chunks, verifier, other, maxContextTokens);
    }

    /** True when cells are answered by the chat model, false when extractively. */
    public boolean usesLlm() {
        return model.isPresent();
    }

    @Override
    public CellAnswer answer(long documentId, ReviewColumn column) {
        if (column == null || column.type() == null) {
            return CellAnswer.error("The column has no answer type");
        }
        if (column.question() == null || column.question().isBlank()) {
            return CellAnswer.error("The column has no question");
        }
        try {
            Optional<Document> found = documents.findById(documentId);
            if (found.isEmpty()) {
                return CellAnswer.error("Document " + documentId + " no longer exists");
            }
            Document document = found.get();
            if (document.status() != DocumentStatus.READY) {
                return CellAnswer.error("Document " + document.name() + " is not ready (" + document.status()
                        + (document.error() == null ? "" : ": " + document.error()) + ")");
            }
            String question = question(column);
            if (column.type() == AnswerType.PARTY_LIST) {
                return parties(document);
            }
            List<RetrievedPassage> retrieved = retriever.retrieve(AccessScope.of(List.of(document.collectionId())),
                    new RetrievalQuery(question, PASSAGES, List.of(documentId), Spellings.withVariants(question)))
                    .passages().stream().filter(p -> p.chunk().documentId() == documentId).toList();
            List<RetrievedPassage> relevant = relevant(question, retrieved);
            if (relevant.isEmpty()) {
                return CellAnswer.notFound("No passage of the document is close enough to the question");
            }
            return model.isPresent() ? withModel(model.get(), column, question, relevant)
                    : extractive(column, question, relevant, document);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cell of document %d, column %s failed", documentId, column.key());
            return CellAnswer.error("The cell could not be answered: " + reason(e));
        }
    }

    /** The passages the relevance gate keeps for the question in its own spelling or in the other one. */
    private List<RetrievedPassage> relevant(String question, List<RetrievedPassage> retrieved) {
        String respelled = Spellings.respelled(question);
        if (respelled.equals(question)) {
            return gate.relevant(question, retrieved);
        }
        Set<RetrievedPassage> kept = new java.util.HashSet<>(gate.relevant(question, retrieved));
        kept.addAll(gate.relevant(respelled, retrieved));
        return retrieved.stream().filter(kept::contains).toList();
    }

    /** The question as searched: at most {@link #MAX_QUESTION_CHARS}. */
    static String question(ReviewColumn column) {
        String q = column.question().strip();
        return q.length() <= MAX_QUESTION_CHARS ? q : q.substring(0, MAX_QUESTION_CHARS);
    }

    // ---- extractive ----

    /** A sentence of a relevant passage at document characters [start, end), scored against the question. */
    record Candidate(RetrievedPassage passage, int start, int end, String text, double score) {
    }

    private CellAnswer extractive(ReviewColumn column, String question, List<RetrievedPassage> relevant,
            Document document) {
        AnswerType type = column.type();
        // a document states its own date, version and parties up front: its first passage is always a candidate
        Optional<Chunk> first = chunks.firstOf(document.id())
                .filter(c -> relevant.stream().noneMatch(p -> p.chunk().id() == c.id()));
        Set<String> wanted = Spellings.terms(question);
        List<Candidate> ranked = candidates(wanted, relevant, first.orElse(null));
        for (Candidate c : ranked) {
            switch (type) {
                case TEXT, YES_NO, CLAUSE -> {
                    if (c.text().length() < MIN_SENTENCE_CHARS) {
                        continue;
                    }
                    if (type == AnswerType.CLAUSE) {
                        CellQuote clause = clause(c);
                        String value = clause.text();
                        return new CellAnswer(value, value.replaceAll("\\s+", " ").strip(), CellStatus.SUPPORTED,
                                c.score(), List.of(clause), null);
                    }
                    String value = type == AnswerType.YES_NO ? YesNo.answer(question, c.text()) : c.text();
                    return new CellAnswer(value, value, CellStatus.SUPPORTED, c.score(), List.of(quote(c)),
                            type == AnswerType.YES_NO ? "From the governing sentence" : null);
                }
                default -> {
                    List<TypedValue> values = values(type, c.text());
                    if (values.isEmpty()) {
                        continue;
                    }
                    TypedValue v = nearest(values, c.text(), wanted);
                    Optional<Candidate> other = conflicting(document.id(), type, c, values, v, ranked, wanted,
                            first.map(Chunk::id).orElse(null));
                    if (other.isPresent()) {
                        Candidate o = other.get();
                        TypedValue ov = nearest(values(type, o.text()), o.text(), wanted);
                        return new CellAnswer(v.words(), v.normalized(), CellStatus.CONFLICTING, c.score(),
                                List.of(quote(c), quote(o)), "The document gives different " + type.wire()
                                        + " values: " + v.normalized() + " and " + ov.normalized());
                    }
                    return new CellAnswer(v.words(), v.normalized(), CellStatus.SUPPORTED, c.score(), List.of(quote(c)),
                            null);
                }
            }
        }
        return CellAnswer.notFound("The passages about the question hold no " + type.wire());
    }

    /** How close to the best sentence's score another sentence must be to contradict it (see {@link #conflicting}). */
    static final double CONFLICT_MARGIN = 0.05;

    /**
     * A sentence that contradicts the best one ({@code best}, whose value is {@code chosen} of {@code values}): another
     * sentence of a relevant passage (not the document's first passage added without retrieval), not overlapping
     * it, in another clause (a numbered clause or heading starts between them: two periods of one clause, "60 days
     * after the cessation" and "30 days after your receipt of the notice", are not a conflict), scored within
     * {@link #CONFLICT_MARGIN} of it, whose value (the one closest to a word of the question) differs from every value
     * of the best sentence while the chosen value is none of its own. The first such sentence in rank order; empty
     * when the document agrees with itself.
     */
    private Optional<Candidate> conflicting(long documentId, AnswerType type, Candidate best, List<TypedValue> values,
            TypedValue chosen, List<Candidate> ranked, Set<String> wanted, Long unranked) {
        Set<String> bestValues = new java.util.HashSet<>();
        values.forEach(v -> bestValues.add(v.normalized()));
        for (Candidate o : ranked) {
            if (o.score() < best.score() - CONFLICT_MARGIN) {
                break;
            }
            if (o == best || o.start() < best.end() && best.start() < o.end()
                    || unranked != null && o.passage().chunk().id() == unranked) {
                continue;
            }
            List<TypedValue> own = values(type, o.text());
            if (own.isEmpty() || own.stream().anyMatch(v -> v.normalized().equals(chosen.normalized()))) {
                continue;
            }
            if (!bestValues.contains(nearest(own, o.text(), wanted).normalized())
                    && anotherClause(documentId, Math.min(best.end(), o.end()), Math.max(best.end(), o.end()))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** A line that starts a clause: a clause number ("12.", "5.2.", "Section 4", "Article 7") or a Markdown heading. */
    private static final java.util.regex.Pattern CLAUSE_START = java.util.regex.Pattern.compile(
            "\\n[ \\t]*(?:\\d+(?:\\.\\d+)*\\.?|(?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\\s+\\d+|#{1,6})[ \\t]+\\p{Lu}");

    /**
     * True when a numbered clause or heading starts in the document's text [from, to): from the end of the earlier
     * sentence to the end of the later one, whose clause number may be a sentence of its own ("12." "Notices …").
     */
    private boolean anotherClause(long documentId, int from, int to) {
        return to > from && documents.textAround(documentId, from, to, 0)
                .map(w -> CLAUSE_START.matcher(w.text()).find()).orElse(false);
    }

    /**
     * The sentences of the relevant passages (and of {@code extra}, a passage retrieval did not rank, which counts as
     * an average one), best first: the share of the question's content words they hold (with the short line before
     * them, such as a title or heading), a little more for each repeat of them, their passage's similarity to the
     * question, its heading and its rank; ties by position in the document.
     */
    static List<Candidate> candidates(Set<String> wanted, List<RetrievedPassage> relevant, Chunk extra) {
        List<Candidate> out = new ArrayList<>();
        double sum = 0;
        for (int rank = 0; rank < relevant.size(); rank++) {
            RetrievedPassage p = relevant.get(rank);
            double similarity = Double.isNaN(p.similarity()) ? 0 : Math.clamp((p.similarity() - 0.5) / 0.4, 0, 1);
            Chunk c = p.chunk();
            double heading = c.headingPath() == null ? 0 : Terms.coverage(wanted, Spellings.terms(c.headingPath()));
            double passage = 0.25 * similarity + 0.2 * heading + 0.05 * (1 - (double) rank / relevant.size());
            sum += passage;
            sentences(p, passage, wanted, out);
        }
        if (extra != null) {
            sentences(new RetrievedPassage(extra, null, 0, 0, 0, Double.NaN), sum / Math.max(1, relevant.size()), wanted,
                    out);
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::start));
        return out;
    }

    private static void sentences(RetrievedPassage p, double passage, Set<String> wanted, List<Candidate> out) {
        Chunk c = p.chunk();
        String text = c.text();
        Set<String> lead = Set.of();
        int leadEnd = -1;
        for (int[] r : Sentences.ranges(unwrapped(text), 0, text.length())) {
            String sentence = text.substring(r[0], r[1]);
            boolean sameLine = leadEnd >= 0 && text.substring(leadEnd, r[0]).indexOf('\n') < 0;
            Set<String> terms = new java.util.HashSet<>(Spellings.terms(sentence));
            if (!sameLine) {
                terms.addAll(lead);
            }
            if (isLead(sentence)) {
                lead = Spellings.terms(sentence);
                leadEnd = r[1];
            } else if (!sameLine) {
                lead = Set.of();
            }
            if (sentence.endsWith("?")) {
                continue; // a question (a FAQ's heading) answers nothing
            }
            double lexical = Terms.coverage(wanted, terms);
            out.add(new Candidate(p, c.startOffset() + r[0], c.startOffset() + r[1], sentence,
                    Math.round((0.5 * lexical + repeats(wanted, sentence) + passage) * 1000) / 1000.0));
        }
    }

    /** 0.02 for each repeat of a word of the question in the sentence beyond its first, at most 0.1. */
    private static double repeats(Set<String> wanted, String sentence) {
        int repeats = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (java.util.regex.Matcher m = WORD.matcher(sentence); m.find();) {
            for (String t : Spellings.terms(m.group())) {
                if (wanted.contains(t) && !seen.add(t)) {
                    repeats++;
                }
            }
        }
        return Math.min(0.1, 0.02 * repeats);
    }

    /**
     * The text with the line breaks of hard-wrapped paragraphs read as spaces, so that a sentence wrapped over
     * several lines is one sentence; same length, so that offsets hold. A line is continued when the next line starts
     * in lower case, or when it is long (a wrapped line, not a title) and does not end a sentence.
     */
    static String unwrapped(String text) {
        char[] out = text.toCharArray();
        int lineStart = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != '\n') {
                continue;
            }
            String line = text.substring(lineStart, i).strip();
            int next = i + 1;
            while (next < out.length && (out[next] == ' ' || out[next] == '\t' || out[next] == '*')) {
                next++;
            }
            boolean continues = next < out.length && Character.isLetterOrDigit(out[next])
                    && (Character.isLowerCase(out[next]) || line.length() > WRAPPED_LINE_CHARS
                            && ".!?:".indexOf(line.charAt(line.length() - 1)) < 0);
            if (!line.isEmpty() && continues) {
                out[i] = ' ';
            }
            lineStart = i + 1;
        }
        return new String(out);
    }

    /** A line longer than this that does not end a sentence is a wrapped line, not a title. */
    static final int WRAPPED_LINE_CHARS = 50;

    /** A short line without a full stop: a title or heading, whose words count for the sentence after it. */
    private static boolean isLead(String text) {
        return text.length() <= 80 && !text.endsWith(".");
    }

    /** Of several values in a sentence, the one written closest to a word of the question ("at least five of the principal authors"). */
    static TypedValue nearest(List<TypedValue> values, String sentence, Set<String> wanted) {
        if (values.size() == 1) {
            return values.get(0);
        }
        List<int[]> hits = new ArrayList<>();
        for (java.util.regex.Matcher m = WORD.matcher(sentence); m.find();) {
            Set<String> t = Terms.of(m.group());
            if (!t.isEmpty() && wanted.containsAll(t)) {
                hits.add(new int[] {m.start(), m.end()});
            }
        }
        TypedValue best = values.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (TypedValue v : values) {
            for (int[] h : hits) {
                int d = h[1] <= v.start() ? v.start() - h[1] : h[0] >= v.end() ? h[0] - v.end() : 0;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = v;
                }
            }
        }
        return best;
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\p{L}[\\p{L}'-]*");

    /** The values of an answer type in a text; empty for types that are not values. */
    public static List<TypedValue> values(AnswerType type, String text) {
        return switch (type) {
            case DATE -> Dates.find(text);
            case MONEY -> Money.find(text);
            case DURATION -> Durations.find(text);
            case NUMBER -> NumberWords.find(text);
            default -> List.of();
        };
    }

    private CellQuote quote(Candidate c) {
        return quote(c.passage().chunk(), c.start(), c.end(), c.text());
    }

    private CellQuote quote(Chunk chunk, int start, int end, String text) {
        Integer page = chunk.page();
        if (page != null && chunk.pageEnd() != null && !chunk.pageEnd().equals(page)) {
            page = chunks.pagesOverlapping(chunk.documentId(), start, end).map(p -> p[0]).orElse(page);
        }
        return new CellQuote(chunk.id(), start, end, page, text);
    }

    /**
     * The clause around a sentence: its paragraph within the passage (lines up to a blank line or a numbered
     * heading), cut at a sentence end to at most {@link #MAX_CLAUSE_CHARS}.
     */
    private CellQuote clause(Candidate c) {
        Chunk chunk = c.passage().chunk();
        String text = chunk.text();
        int s = c.start() - chunk.startOffset();
        int e = c.end() - chunk.startOffset();
        int from = text.lastIndexOf("\n\n", s);
        from = from < 0 ? 0 : from + 2;
        int to = text.indexOf("\n\n", e);
        to = to < 0 ? text.length() : to;
        while (from < s && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > e && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to - from > MAX_CLAUSE_CHARS) {
            int end = e;
            for (int[] r : Sentences.ranges(text, s, to)) {
                if (r[1] - from > MAX_CLAUSE_CHARS) {
                    break;
                }
                end = r[1];
            }
            to = end;
            from = Math.max(from, Math.min(s, to - MAX_CLAUSE_CHARS));
        }
        return quote(chunk, chunk.startOffset() + from, chunk.startOffset() + to, text.substring(from, to));
    }

    /** Party lists come from the whole document: parties are defined once, in its preamble or definitions. */
    private CellAnswer parties(Document document) {
        List<CellQuote> quotes = new ArrayList<>();
        List<Parties.Party> all = new ArrayList<>();
        for (Chunk c : chunks.findByReadyDocument(document.id())) {
            for (Parties.Party p : Parties.find(c.text())) {
                if (all.stream().noneMatch(q -> q.name().equalsIgnoreCase(p.name()))) {
                    all.add(p);
                    quotes.add(quote(c, c.startOffset() + p.start(), c.startOffset() + p.end(),
                            c.text().substring(p.start(), p.end())));
                }
            }
        }
        if (all.isEmpty()) {
            return CellAnswer.notFound("The document defines no parties");
        }
        String joined = Parties.join(all);
        return new CellAnswer(joined, joined, CellStatus.SUPPORTED, 1.0, quotes, null);
    }

    // ---- with the chat model ----

    private CellAnswer withModel(ChatModel chat, ReviewColumn column, String question, List<RetrievedPassage> relevant) {
        List<RetrievedPassage> sources = PromptBuilder.fitToContext(relevant, question, maxContextTokens);
        String reply;
        try {
            reply = LlmAnswerer.reply(chat, CellPrompt.build(column, sources));
        } catch (RuntimeException e) {
            return CellAnswer.error("The language model could not answer: " + reason(e));
        }
        CellPrompt.Reply read = CellPrompt.parse(reply);
        if (read.notFound()) {
            return CellAnswer.notFound("The language model found no answer in the document");
        }
        Located located = locate(read, sources);
        String answer = read.answer();
        if (located == null) {
            return new CellAnswer(answer, null, CellStatus.UNSUPPORTED, 0, List.of(),
                    "The model's quote does not appear in the document");
        }
        CellQuote quote = quote(located.passage().chunk(), located.span().start(), located.span().end(),
                located.span().quote());
        SentenceCheck check = check(answer, located.span());
        double support = check.score();
        AnswerType type = column.type();
        return switch (type) {
            case DATE, MONEY, DURATION, NUMBER -> typedFromModel(type, answer, quote, support);
            case YES_NO -> {
                String stated = YesNo.stated(answer);
                String value = stated != null ? stated : YesNo.answer(question, quote.text());
                yield new CellAnswer(value, value, CellStatus.SUPPORTED, support, List.of(quote), null);
            }
            case PARTY_LIST -> partiesFromModel(answer, quote, located.passage().chunk().text(), support);
            case CLAUSE -> new CellAnswer(quote.text(), quote.text().replaceAll("\\s+", " ").strip(),
                    CellStatus.SUPPORTED, support, List.of(quote), null);
            case TEXT -> check.supported()
                    ? new CellAnswer(answer, answer, CellStatus.SUPPORTED, support, List.of(quote), null)
                    : new CellAnswer(answer, answer, CellStatus.UNSUPPORTED, support, List.of(quote),
                            "The quote does not support the answer");
        };
    }

    /** The model's value must be the value of its quote (a changed figure is the costliest error in a review). */
    private static CellAnswer typedFromModel(AnswerType type, String answer, CellQuote quote, double support) {
        List<TypedValue> inQuote = values(type, quote.text());
        List<TypedValue> inAnswer = type == AnswerType.DATE && Dates.normalise(answer) != null
                ? List.of(new TypedValue(0, answer.length(), answer, Dates.normalise(answer)))
                : values(type, answer);
        if (inAnswer.isEmpty()) {
            return inQuote.isEmpty() ? CellAnswer.notFound("The model's answer holds no " + type.wire())
                    : new CellAnswer(inQuote.get(0).words(), inQuote.get(0).normalized(), CellStatus.SUPPORTED, support,
                            List.of(quote), null);
        }
        TypedValue v = inAnswer.get(0);
        boolean quoted = inQuote.stream().anyMatch(q -> q.normalized().equals(v.normalized()));
        return quoted ? new CellAnswer(v.words(), v.normalized(), CellStatus.SUPPORTED, support, List.of(quote), null)
                : new CellAnswer(v.words(), v.normalized(), CellStatus.UNSUPPORTED, support, List.of(quote),
                        "The " + type.wire() + " " + v.normalized() + " is not in the quote");
    }

    /** Each party the model names must be written in its source passage. */
    private static CellAnswer partiesFromModel(String answer, CellQuote quote, String source, double support) {
        List<String> named = Parties.find(answer).isEmpty()
                ? List.of(answer.split("\\s*(?:;|\\band\\b|,)\\s*")).stream().map(String::strip)
                        .map(s -> s.replaceAll("^[\"“]|[\"”.]$", "")).filter(s -> !s.isEmpty()).toList()
                : Parties.find(answer).stream().map(Parties.Party::name).toList();
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        List<String> missing = named.stream().filter(n -> !lower.contains(n.toLowerCase(java.util.Locale.ROOT))).toList();
        String joined = String.join("; ", named);
        return missing.isEmpty() && !named.isEmpty()
                ? new CellAnswer(joined, joined, CellStatus.SUPPORTED, support, List.of(quote), null)
                : new CellAnswer(joined, joined, CellStatus.UNSUPPORTED, support, List.of(quote),
                        "Not in the quoted passage: " + String.join("; ", missing));
    }

    private record Located(RetrievedPassage passage, Span span) {
    }

    /** The model's quote in the source it names, or in any source it was given. */
    private static Located locate(CellPrompt.Reply read, List<RetrievedPassage> sources) {
        List<Integer> order = new ArrayList<>();
        if (read.source() >= 1 && read.source() <= sources.size()) {
            order.add(read.source() - 1);
        }
        for (int i = 0; i < sources.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        for (int i : order) {
            Chunk c = sources.get(i).chunk();
            Span span = AnswerVerifier.locateVerbatim(new Source(i + 1, c.text(), c.startOffset()), read.quote());
            if (span != null) {
                return new Located(sources.get(i), span);
            }
        }
        return null;
    }

    /**
     * How well the quote supports the answer, checked as an answer sentence citing it (meaning, shared words,
     * numbers); an answer without content words ("yes") is supported by its quote.
     */
    private SentenceCheck check(String answer, Span span) {
        StringBuilder cited = new StringBuilder();
        for (int[] r : Sentences.ranges(answer, 0, answer.length())) {
            cited.append(answer, r[0], r[1]).append(" [1] ");
        }
        List<SentenceCheck> checks = verifier.verify(cited.toString(), List.of(new Source(1, span.quote(), span.start())))
                .sentences();
        return checks.stream().filter(c -> !c.supported()).findFirst()
                .or(() -> checks.stream().min(Comparator.comparingDouble(SentenceCheck::score)))
                .orElse(new SentenceCheck(answer, List.of(1), true, 1.0, null));
    }

    /** A short, user-facing reason: the HTTP status of a model server error, else the exception's kind. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException h) {
                return "the model server answered HTTP " + h.statusCode() + brief(h.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return name.toLowerCase().contains("timeout") ? "it timed out" : name + brief(root.getMessage());
    }

    private static String brief(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String m = message.strip().replaceAll("\\s+", " ");
        return " (" + (m.length() > 200 ? m.substring(0, 200) + "…" : m) + ")";
    }
}
