package io.docqa.mcp;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.Citation;
import io.docqa.app.UseCaseException;
import io.docqa.app.audit.AuditService;
import io.docqa.app.ask.AskInput;
import io.docqa.app.ask.AskResult;
import io.docqa.app.ask.AskService;
import io.docqa.app.ask.Channel;
import io.docqa.app.ask.PassageService;
import io.docqa.app.ask.QueryFilter;
import io.docqa.app.ask.SearchInput;
import io.docqa.app.ask.SearchService;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.documents.DocumentPage;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.documents.ListedDocument;
import io.docqa.corpus.Document;
import io.docqa.corpus.NotFoundException;
import io.docqa.mcp.ToolResults.AnswerResult;
import io.docqa.mcp.ToolResults.CollectionItem;
import io.docqa.mcp.ToolResults.CollectionList;
import io.docqa.mcp.ToolResults.DocumentItem;
import io.docqa.mcp.ToolResults.DocumentList;
import io.docqa.mcp.ToolResults.Passage;
import io.docqa.mcp.ToolResults.PassageResult;
import io.docqa.mcp.ToolResults.SearchResults;
import io.docqa.mcp.ToolResults.Sentence;
import io.docqa.mcp.ToolResults.Source;
import io.docqa.mcp.ToolResults.ToolError;
import io.docqa.retrieve.core.Retrieval;
import io.docqa.retrieve.core.RetrievedPassage;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * The tools an assistant sees. Each one reads the caller from the authenticated request, calls one application
 * service (which checks rights, limits and writes the audit entry) and returns the result twice: as structured JSON
 * and as readable text. A refusal is a tool error whose text is the service's message.
 */
public class DocQaTools {

    private static final Logger LOG = Logger.getLogger(DocQaTools.class);

    private static final String CITE = " Cite a passage as [documentName, p. page] (or its heading when it has no page)"
            + " and quote its words exactly; never cite what DocQA did not return.";

    private final SecurityIdentity identity;
    private final CollectionService collections;
    private final SearchService searches;
    private final AskService asks;
    private final PassageService passages;
    private final DocumentService documents;
    private final Links links;
    private final AuditService audit;

    public DocQaTools(SecurityIdentity identity, CollectionService collections, SearchService searches, AskService asks,
            PassageService passages, DocumentService documents, Links links, AuditService audit) {
        this.audit = audit;
        this.identity = identity;
        this.collections = collections;
        this.searches = searches;
        this.asks = asks;
        this.passages = passages;
        this.documents = documents;
        this.links = links;
    }

    /** The caller of this tool call; what the services audit during it is marked as having come through MCP. */
    private io.docqa.security.Caller caller() {
        audit.markViaMcp();
        return McpCallers.of(identity);
    }

    /** Metadata filters of search (all optional, combined with AND). */
    public record Filters(List<Long> documentIds, List<String> types, String dateFrom, String dateTo,
            List<String> tags) {
    }

    @Tool(name = "list_collections", description = "Lists the DocQA document collections the user may read, with their"
            + " ids and names. Use the ids in the 'collections' argument of search and ask, and in list_documents."
            + " Collections the user may not read are never listed.")
    public ToolResponse listCollections() {
        return call(() -> {
            List<CollectionItem> items = collections.readable(caller()).stream()
                    .map(d -> new CollectionItem(d.collection().id(), d.collection().name(),
                            d.collection().language().code(), d.collection().createdAt().toString()))
                    .toList();
            StringBuilder text = new StringBuilder(items.isEmpty() ? "You may read no collection."
                    : items.size() + " collection(s) you may read:");
            items.forEach(c -> text.append("\n- ").append(c.name()).append(" (id ").append(c.id()).append(')'));
            return respond(text.toString(), new CollectionList(items));
        });
    }

    @Tool(name = "search", description = "Searches the user's documents in DocQA (hybrid keyword and semantic search)"
            + " and returns the best matching passages, best first, each with its document, page, heading, character"
            + " span, score, text and a DocQA link. Use it to find evidence; use ask for a written answer. At most "
            + SearchService.MAX_LIMIT + " passages; the query may be at most " + AskService.MAX_QUESTION_CHARS
            + " characters. Searches count against the user's rate limit." + CITE)
    public ToolResponse search(
            @ToolArg(description = "What to look for, in words (a question or keywords), at most "
                    + AskService.MAX_QUESTION_CHARS + " characters.") String query,
            @ToolArg(description = "Ids of the collections to search (see list_collections); omit to search all the"
                    + " user may read.", required = false) List<Long> collections,
            @ToolArg(description = "Optional metadata filters, combined with AND: documentIds (any of), types (file"
                    + " types such as \"pdf\"), dateFrom and dateTo (ISO dates such as 2024-03-31, inclusive), tags"
                    + " (any of).", required = false) Filters filters,
            @ToolArg(description = "How many passages to return, 1 to " + SearchService.MAX_LIMIT + " (default 10).",
                    required = false) Integer limit) {
        return call(() -> {
            Retrieval found = searches.search(caller(), new SearchInput(query, collections, limit, null,
                    filter(filters), null));
            List<RetrievedPassage> ps = found.passages();
            List<Passage> results = IntStream.range(0, ps.size()).mapToObj(i -> passage(i + 1, ps.get(i))).toList();
            StringBuilder text = new StringBuilder(results.isEmpty() ? "No passage matches."
                    : results.size() + " passage(s), best first:");
            for (Passage p : results) {
                text.append("\n\n[").append(p.rank()).append("] ").append(where(p.documentName(), p.page(), p.headingPath()))
                        .append(" (document ").append(p.documentId()).append(", chunk ").append(p.chunkId())
                        .append(", characters ").append(p.start()).append('-').append(p.end())
                        .append(String.format(Locale.ROOT, ", score %.3f", p.score())).append(")\n")
                        .append(p.text()).append("\nLink: ").append(p.link());
            }
            return respond(text.toString(), new SearchResults(query.strip(), results));
        });
    }

    @Tool(name = "ask", description = "Asks DocQA a question about the user's documents and returns its grounded"
            + " answer: the answer text with numbered citation markers [1], [2] that refer to the listed sources (document,"
            + " page, quoted words, link), and for each sentence whether its cited sources support it. When the documents"
            + " do not answer, notFound is true and the answer says so: report that rather than guessing; 'closest' then"
            + " lists the nearest passages. The question may be at most " + AskService.MAX_QUESTION_CHARS
            + " characters; questions count against the user's rate limit. Keep the numbered citations when you relay"
            + " the answer, and do not present unsupported sentences as facts. answerId identifies the answer, for the"
            + " user's feedback in DocQA.")
    public ToolResponse ask(
            @ToolArg(description = "The question, in natural language, at most " + AskService.MAX_QUESTION_CHARS
                    + " characters.") String question,
            @ToolArg(description = "Ids of the collections to answer from (see list_collections); omit for all the"
                    + " user may read.", required = false) List<Long> collections) {
        return call(() -> {
            AskResult result = asks.ask(caller(), new AskInput(question, collections, null, null),
                    Channel.MCP);
            Answer a = result.answer();
            List<Source> cited = a.citations().stream().map(this::source).toList();
            List<Sentence> sentences = a.sentences().stream()
                    .map(s -> new Sentence(s.text(), s.citations(), s.supported(), s.score(), s.problem())).toList();
            List<Source> closest = a.closest().stream().map(this::source).toList();
            StringBuilder text = new StringBuilder(a.answer());
            if (!cited.isEmpty()) {
                text.append("\n\nSources:");
                cited.forEach(s -> text.append("\n[").append(s.n()).append("] ")
                        .append(where(s.documentName(), s.page(), s.headingPath()))
                        .append(s.quote() == null || s.quote().isBlank() ? "" : ": \"" + s.quote() + "\"")
                        .append(" (").append(s.link()).append(')'));
            }
            List<Sentence> unsupported = sentences.stream().filter(s -> !s.supported()).toList();
            if (!unsupported.isEmpty()) {
                text.append("\n\nNot supported by the cited sources:");
                unsupported.forEach(s -> text.append("\n- ").append(s.text()));
            }
            if (a.notice() != null) {
                text.append("\n\nNote: ").append(a.notice());
            }
            return respond(text.toString(), new AnswerResult(question.strip(), a.answer(), a.abstained(), a.grounded(),
                    a.mode(), a.notice(), cited, sentences, closest, result.answerId()));
        });
    }

    @Tool(name = "get_passage", description = "Returns a passage of a document with the text around it, to read a"
            + " search result or a citation in context. Give either chunkId (from search or ask), or documentId with"
            + " start and end (character offsets from search or ask; at most " + PassageService.MAX_SPAN_CHARS
            + " characters). 'context' characters are returned before and after (default "
            + PassageService.DEFAULT_CONTEXT_CHARS + ", at most " + PassageService.MAX_CONTEXT_CHARS + ")." + CITE)
    public ToolResponse getPassage(
            @ToolArg(description = "Id of the passage (chunkId in search results and citations).", required = false)
            Long chunkId,
            @ToolArg(description = "Id of the document, with start and end, when no chunkId is given.",
                    required = false) Long documentId,
            @ToolArg(description = "First character of the span in the document's text.", required = false)
            Integer start,
            @ToolArg(description = "Character after the end of the span.", required = false) Integer end,
            @ToolArg(description = "Characters of surrounding text on each side, 0 to " + PassageService.MAX_CONTEXT_CHARS
                    + ".", required = false) Integer context) {
        return call(() -> {
            PassageService.Passage p;
            if (chunkId != null) {
                p = passages.byChunk(caller(), chunkId, context);
            } else if (documentId != null) {
                p = passages.bySpan(caller(), documentId, start, end, context);
            } else {
                throw UseCaseException.invalid("Give chunkId, or documentId with start and end.");
            }
            Document d = p.document();
            PassageResult r = new PassageResult(d.id(), d.name(), d.collectionId(),
                    p.chunk() == null ? null : p.chunk().id(), p.page(), p.start(), p.end(), p.before(), p.text(),
                    p.after(), links.document(d.id()), links.page(d.id(), d.name(), p.page()));
            String text = where(d.name(), p.page(), p.chunk() == null ? null : p.chunk().headingPath())
                    + " (document " + d.id() + ", characters " + p.start() + "-" + p.end() + ")\n" + "…" + p.before()
                    + "«" + p.text() + "»" + p.after() + "…\nLink: " + r.link();
            return respond(text, r);
        });
    }

    @Tool(name = "list_documents", description = "Lists the documents of one collection the user may read, in upload"
            + " order, one page at a time: name, status (READY documents are searchable), type, pages, tags and link."
            + " 'total' says how many there are; ask for the next page with offset = nextOffset (absent on the last"
            + " page). At most " + DocumentService.MAX_PAGE + " per page.")
    public ToolResponse listDocuments(
            @ToolArg(description = "Id of the collection (see list_collections).") Long collection,
            @ToolArg(description = "How many documents to skip (default 0).", required = false) Integer offset,
            @ToolArg(description = "Page size, 1 to " + DocumentService.MAX_PAGE + " (default 50).", required = false)
            Integer limit) {
        return call(() -> {
            if (collection == null) {
                throw UseCaseException.invalid("Give the collection id (see list_collections).");
            }
            int from = offset == null ? 0 : offset;
            DocumentPage page = documents.list(caller(), collection, from, limit == null ? 50 : limit);
            List<DocumentItem> items = page.documents().stream().map(this::document).toList();
            Integer next = from + items.size() < page.total() && !items.isEmpty() ? from + items.size() : null;
            StringBuilder text = new StringBuilder("Documents " + (items.isEmpty() ? "none" : (from + 1) + "-"
                    + (from + items.size())) + " of " + page.total() + " in collection " + collection + ":");
            items.forEach(d -> text.append("\n- ").append(d.name()).append(" (id ").append(d.id()).append(", ")
                    .append(d.status()).append(d.pages() == null ? "" : ", " + d.pages() + " pages").append(')'));
            if (next != null) {
                text.append("\nMore: call again with offset ").append(next).append('.');
            }
            return respond(text.toString(), new DocumentList(collection, from, page.total(), next, items));
        });
    }

    private Passage passage(int rank, RetrievedPassage p) {
        var c = p.chunk();
        return new Passage(rank, c.id(), c.documentId(), p.documentName(), c.collectionId(), c.page(), c.headingPath(),
                c.startOffset(), c.endOffset(), p.score(), c.text(), p.addedFor(), links.document(c.documentId()),
                links.page(c.documentId(), p.documentName(), c.page()));
    }

    private Source source(Citation c) {
        return new Source(c.n(), c.chunkId(), c.documentId(), c.documentName(), c.page(), c.headingPath(), c.quote(),
                c.text(), c.start(), c.end(), links.document(c.documentId()),
                links.page(c.documentId(), c.documentName(), c.page()));
    }

    private DocumentItem document(ListedDocument listed) {
        Document d = listed.document();
        return new DocumentItem(d.id(), d.name(), d.status().name(), d.error(), d.contentType(), d.pages(), d.chunks(),
                listed.metadata().tags(),
                listed.metadata().documentDate() == null ? null : listed.metadata().documentDate().toString(),
                d.createdAt().toString(), links.document(d.id()));
    }

    private static QueryFilter filter(Filters f) {
        return f == null ? null : new QueryFilter(f.documentIds(), f.types(), f.dateFrom(), f.dateTo(), f.tags());
    }

    private static String where(String documentName, Integer page, String heading) {
        StringBuilder s = new StringBuilder(documentName);
        if (page != null) {
            s.append(", p. ").append(page);
        }
        if (heading != null && !heading.isBlank()) {
            s.append(" — ").append(heading);
        }
        return s.toString();
    }

    private static ToolResponse respond(String text, Object structured) {
        return new ToolResponse(false, List.of(new TextContent(text)), structured, null);
    }

    /** Runs a tool; a refusal becomes a tool error with the service's message, anything else a generic one. */
    private static ToolResponse call(Supplier<ToolResponse> tool) {
        try {
            return tool.get();
        } catch (UseCaseException e) {
            return error(ToolErrors.kind(e), ToolErrors.message(e),
                    e.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(null));
        } catch (NotFoundException e) {
            return error("not_found", "Not found: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.error("MCP tool failed", e);
            return error("internal", "DocQA could not complete this request; try again or ask an administrator"
                    + " (details are in the server log).", null);
        }
    }

    private static ToolResponse error(String kind, String message, Long retryAfterSeconds) {
        return new ToolResponse(true, List.of(new TextContent(message)), new ToolError(kind, message, retryAfterSeconds),
                null);
    }
}
