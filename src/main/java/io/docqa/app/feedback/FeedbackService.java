package io.docqa.app.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docqa.answer.feedback.AnswerFeedbackRepository;
import io.docqa.answer.feedback.AnswerFeedbackRepository.Filter;
import io.docqa.answer.feedback.AnswerRecord;
import io.docqa.answer.feedback.Feedback;
import io.docqa.answer.feedback.Insights;
import io.docqa.answer.model.Citation;
import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkWithSource;
import io.docqa.corpus.StorageConfig;
import io.docqa.storage.OriginalsStore;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ratings of recorded answers. Only the asker rates an answer, and only while they may still read one of the
 * collections it was asked over; to anyone else it does not exist (404). Administrators list all ratings and turn
 * chosen ones into a golden-QA dataset ({@code golden.jsonl} and {@code documents/}) under
 * {@code <data dir>/datasets/<name>}, which {@code POST /api/evaluations} takes as its {@code dataset}.
 */
@ApplicationScoped
public class FeedbackService {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;
    /** The period insights cover when none is given. */
    public static final int DEFAULT_INSIGHT_DAYS = 30;
    /** How many of the questions most often answered "not found" insights list. */
    public static final int TOP_NOT_FOUND = 20;
    /** Most feedback one dataset is made from. */
    public static final int MAX_DATASET_CASES = 1000;
    /** Longest evidence phrase taken from a passage. */
    static final int MAX_EVIDENCE_CHARS = 200;
    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Callers callers;
    private final Throttle throttle;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final AnswerFeedbackRepository repository;
    private final ChunkRepository chunks;
    private final OriginalsStore originals;
    private final StorageConfig storage;
    private final ObjectMapper json = new ObjectMapper();

    public FeedbackService(Callers callers, Throttle throttle, AccessPolicy access, AuditLog audit,
            AnswerFeedbackRepository repository, ChunkRepository chunks, OriginalsStore originals,
            StorageConfig storage) {
        this.callers = callers;
        this.throttle = throttle;
        this.access = access;
        this.audit = audit;
        this.repository = repository;
        this.chunks = chunks;
        this.originals = originals;
        this.storage = storage;
    }

    /** Stores the caller's rating of their answer, replacing the one they gave before. */
    public Feedback rate(Caller claimed, long answerId, FeedbackInput input) {
        Caller caller = throttle.admit(claimed, RateLimiter.Kind.EXPENSIVE, "ratings");
        AnswerRecord answer = readable(caller, answerId);
        if (input == null) {
            throw UseCaseException.invalid("Send {\"rating\": \"up\" or \"down\", \"reason\"?, \"comment\"?,"
                    + " \"correctChunkIds\"?: [ids]}.");
        }
        Feedback.Rating rating = parse(Feedback.Rating.class, input.rating(), "rating", true);
        Feedback.Reason reason = parse(Feedback.Reason.class, input.reason(), "reason", false);
        String comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
        if (comment != null && comment.length() > Feedback.MAX_COMMENT_CHARS) {
            throw UseCaseException.invalid("The comment may be at most " + Feedback.MAX_COMMENT_CHARS + " characters.");
        }
        List<Long> correct = input.correctChunkIds() == null ? List.of()
                : input.correctChunkIds().stream().distinct().toList();
        if (correct.size() > Feedback.MAX_CORRECT_CHUNKS) {
            throw UseCaseException.invalid("Mark at most " + Feedback.MAX_CORRECT_CHUNKS + " passages as correct.");
        }
        Map<Long, ChunkWithSource> found = chunks.findWithSource(correct.stream().filter(id -> id != null).toList());
        for (Long id : correct) {
            ChunkWithSource c = id == null ? null : found.get(id);
            if (c == null || !access.mayRead(caller, c.chunk().collectionId())) {
                throw UseCaseException.invalid("correctChunkIds: there is no passage " + id + " you can read.");
            }
        }
        Feedback stored = repository.upsert(answer.id(), caller.userId(), caller.username(), rating, reason, comment, correct);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rating", rating.id());
        detail.put("reason", reason == null ? null : reason.id());
        detail.put("correctChunkIds", correct);
        audit.record(caller.username(), AuditAction.ANSWER_FEEDBACK, answer.collectionIds(), Long.toString(answer.id()),
                detail);
        return stored;
    }

    /** The recorded answer, when the caller asked it and may still read one of its collections; else 404. */
    public AnswerRecord answer(Caller claimed, long answerId) {
        return readable(callers.current(claimed), answerId);
    }

    private AnswerRecord readable(Caller caller, long answerId) {
        return repository.findAnswer(answerId)
                .filter(a -> a.askedById() == caller.userId()) // the account, not a re-created name
                .filter(a -> a.collectionIds().isEmpty() || !access.stillReadable(caller, a.collectionIds()).isEmpty())
                .orElseThrow(() -> UseCaseException.notFound("No answer " + answerId + "."));
    }

    /** One page of ratings, newest first, for administrators. */
    public FeedbackPage list(Caller claimed, FeedbackQuery query) {
        callers.requireRole(claimed, Role.ADMIN);
        FeedbackQuery q = query == null ? new FeedbackQuery(null, null, null, null, null, null) : query;
        int offset = q.offset() == null ? 0 : q.offset();
        int limit = q.limit() == null ? DEFAULT_PAGE : q.limit();
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw UseCaseException.invalid("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
        }
        Filter filter = new Filter(q.collectionId(), parse(Feedback.Rating.class, q.rating(), "rating", false),
                instant(q.from(), "from"), instant(q.to(), "to"));
        return new FeedbackPage(repository.find(filter, offset, limit), repository.count(filter));
    }

    /**
     * Insights for administrators over [from, to) (default: the last {@link #DEFAULT_INSIGHT_DAYS} days up to now),
     * optionally of the answers over one collection.
     */
    public Insights insights(Caller claimed, Long collectionId, String from, String to) {
        callers.requireRole(claimed, Role.ADMIN);
        Instant end = instant(to, "to");
        end = end == null ? Instant.now() : end;
        Instant start = instant(from, "from");
        start = start == null ? end.minus(java.time.Duration.ofDays(DEFAULT_INSIGHT_DAYS)) : start;
        if (!start.isBefore(end)) {
            throw UseCaseException.invalid("from must be before to.");
        }
        return repository.insights(collectionId, start, end, TOP_NOT_FOUND);
    }

    /**
     * Turns the chosen ratings into golden-QA cases: the question; as expected documents and evidence, the passages
     * marked correct, else (for a thumbs up) the answer's citations; a rating "should have said not found" without
     * passages becomes an unanswerable case. Ratings with neither are reported as skipped. The documents' originals
     * are copied beside, so a run ingests them into its own collection.
     */
    public DatasetExport exportDataset(Caller claimed, String name, List<Long> feedbackIds) {
        Caller caller = callers.requireRole(claimed, Role.ADMIN);
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "dataset exports");
        String n = name == null ? "" : name.strip();
        if (!DATASET_NAME.matcher(n).matches()) {
            throw UseCaseException.invalid("name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
                    + " digit.");
        }
        List<Long> ids = feedbackIds == null ? List.of() : feedbackIds.stream().filter(id -> id != null).distinct().toList();
        if (ids.isEmpty() || ids.size() > MAX_DATASET_CASES) {
            throw UseCaseException.invalid("feedbackIds: name 1 to " + MAX_DATASET_CASES + " ratings.");
        }
        Path dir = storage.dataDir().resolve("datasets").resolve(n).toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            throw UseCaseException.conflict("A dataset named " + n + " exists already; choose another name.");
        }
        List<Feedback.Rated> rated = repository.findByIds(ids);
        Set<Long> present = new LinkedHashSet<>(rated.stream().map(r -> r.feedback().id()).toList());
        List<DatasetExport.Skipped> skipped = new ArrayList<>();
        ids.stream().filter(id -> !present.contains(id)).forEach(id -> skipped.add(new DatasetExport.Skipped(id,
                "no such feedback")));
        List<ObjectNode> cases = new ArrayList<>();
        Map<String, Long> documentByName = new LinkedHashMap<>();
        for (Feedback.Rated r : rated) {
            Feedback f = r.feedback();
            Map<Long, String> evidence = evidence(f, r.answer()); // chunk id -> phrase
            ObjectNode c = json.createObjectNode();
            c.put("id", "feedback-" + f.id());
            c.put("question", r.answer().question());
            if (evidence.isEmpty()) {
                boolean unanswerable = f.reason() == Feedback.Reason.SHOULD_HAVE_SAID_NOT_FOUND
                        || f.rating() == Feedback.Rating.UP && r.answer().abstained();
                if (!unanswerable) {
                    skipped.add(new DatasetExport.Skipped(f.id(), "no passage marked correct or cited"));
                    continue;
                }
                c.put("kind", "unanswerable");
                c.putArray("docs");
                c.putArray("evidence");
                cases.add(c);
                continue;
            }
            Map<Long, ChunkWithSource> sources = chunks.findWithSource(List.copyOf(evidence.keySet()));
            Set<String> docs = new LinkedHashSet<>();
            List<String> phrases = new ArrayList<>();
            String clash = null;
            for (Map.Entry<Long, String> e : evidence.entrySet()) {
                ChunkWithSource s = sources.get(e.getKey());
                if (s == null) {
                    continue; // the document was deleted or re-ingested since
                }
                Long known = documentByName.putIfAbsent(s.documentName(), s.chunk().documentId());
                if (known != null && known != s.chunk().documentId()) {
                    clash = s.documentName();
                    continue;
                }
                docs.add(s.documentName());
                String phrase = e.getValue() != null ? e.getValue() : phrase(s.chunk().text());
                if (!phrase.isBlank()) {
                    phrases.add(phrase);
                }
            }
            if (docs.isEmpty() || phrases.isEmpty()) {
                skipped.add(new DatasetExport.Skipped(f.id(), clash != null
                        ? "another document of the dataset is also named " + clash
                        : "its passages are no longer in DocQA"));
                continue;
            }
            docs.forEach(c.putArray("docs")::add);
            phrases.forEach(c.putArray("evidence")::add);
            cases.add(c);
        }
        if (cases.isEmpty()) {
            throw UseCaseException.invalid("None of the chosen ratings can become an evaluation case: " + skipped + ".");
        }
        Map<String, Long> used = new HashMap<>();
        cases.forEach(c -> c.path("docs").forEach(d -> used.put(d.asText(), documentByName.get(d.asText()))));
        write(dir, cases, used);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("feedbackIds", ids);
        detail.put("cases", cases.size());
        detail.put("skipped", skipped.size());
        audit.record(caller.username(), AuditAction.FEEDBACK_DATASET, null, n, detail);
        return new DatasetExport(n, dir.toString(), cases.size(), used.size(), skipped);
    }

    /** The passages a rating vouches for, with the phrase to look for in each. */
    private static Map<Long, String> evidence(Feedback f, AnswerRecord answer) {
        Map<Long, String> out = new LinkedHashMap<>();
        if (!f.correctChunkIds().isEmpty()) {
            f.correctChunkIds().forEach(id -> out.put(id, null));
        } else if (f.rating() == Feedback.Rating.UP) {
            for (Citation c : answer.citations()) {
                out.putIfAbsent(c.chunkId(), c.quote() == null || c.quote().isBlank() ? null : c.quote());
            }
        }
        return out;
    }

    /**
     * A phrase of a passage to look for: its first sentence, at most {@link #MAX_EVIDENCE_CHARS} characters cut at a
     * word, so that it is still found when a run cuts the document into passages a little differently.
     */
    static String phrase(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        int end = t.length();
        for (int i = 20; i < t.length() - 1; i++) {
            char ch = t.charAt(i);
            if ((ch == '.' || ch == '!' || ch == '?') && t.charAt(i + 1) == ' ') {
                end = i + 1;
                break;
            }
        }
        if (end > MAX_EVIDENCE_CHARS) {
            int space = t.lastIndexOf(' ', MAX_EVIDENCE_CHARS);
            end = space > 20 ? space : MAX_EVIDENCE_CHARS;
        }
        return t.substring(0, end).strip();
    }

    private void write(Path dir, List<ObjectNode> cases, Map<String, Long> documents) {
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
        try {
            Files.createDirectories(tmp.resolve("documents"));
            StringBuilder lines = new StringBuilder();
            for (ObjectNode c : cases) {
                lines.append(json.writeValueAsString(c)).append('\n');
            }
            Files.writeString(tmp.resolve("golden.jsonl"), lines.toString(), StandardCharsets.UTF_8);
            for (Map.Entry<String, Long> d : documents.entrySet()) {
                try (OriginalsStore.LocalOriginal original = originals.open(d.getValue())) {
                    Files.copy(original.path(), tmp.resolve("documents").resolve(Path.of(d.getKey())
                            .getFileName().toString()));
                }
            }
            Files.move(tmp, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write dataset " + dir, e);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw UseCaseException.invalid(field + " is required.");
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw UseCaseException.invalid(field + " must be one of " + allowed + ".");
        }
    }

    static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw UseCaseException.invalid(field + " must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z).");
        }
    }
}
