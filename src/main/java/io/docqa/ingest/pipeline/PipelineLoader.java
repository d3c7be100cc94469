package io.docqa.ingest.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one pipeline file. Every problem names the file, the line and the field, so that an
 * operator can fix a pipeline without reading code. Fields left out take the server's settings.
 */
public final class PipelineLoader {

    /** The server settings a pipeline falls back to, and the embedding model it must agree with. */
    public record Defaults(long maxFileBytes, int maxChars, int overlapChars, String embeddingModel) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}(_[a-z]+)?");
    private static final Set<String> TOP = Set.of("description", "parser", "chunking", "extractors", "embedding-model");
    private static final Set<String> PARSER = Set.of("ocr", "languages", "max-file-mb", "timeout-seconds");
    private static final Set<String> CHUNKING = Set.of("strategy", "max-chars", "overlap-chars");
    static final int MAX_TIMEOUT_SECONDS = 3600;

    private final YAMLFactory yaml = new YAMLFactory();
    private final ObjectMapper mapper = new ObjectMapper(yaml);
    private final Defaults defaults;

    public PipelineLoader(Defaults defaults) {
        this.defaults = defaults;
    }

    /** Whether a pipeline name (the file name without ".yaml") is acceptable. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * @param name the pipeline's name (file name without .yaml)
     * @param source the file, as operators know it ("ingest-pipelines/contracts.yaml")
     * @param content the YAML text
     * @throws PipelineException listing every problem found
     */
    public PipelineDefinition load(String name, String source, String content) {
        Problems problems = new Problems(source);
        if (!validName(name)) {
            problems.add(1, "(file name)", "a pipeline name uses lower-case letters, digits and '-' only");
        }
        JsonNode root;
        try {
            problems.lines.putAll(fieldLines(content));
            root = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? 1 : at.getLineNr(), "(syntax)", "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " ").strip());
            throw problems.exception();
        } catch (IOException e) {
            problems.add(1, "(file)", "cannot be read: " + e.getMessage());
            throw problems.exception();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = mapper.createObjectNode();
        }
        if (!root.isObject()) {
            problems.add(1, "(document)", "a pipeline is a mapping of fields (description, parser, chunking, extractors, embedding-model)");
            throw problems.exception();
        }
        unknownFields(root, "", TOP, problems);

        String description = text(root, "description", "", problems);

        JsonNode p = object(root, "parser", problems);
        unknownFields(p, "parser.", PARSER, problems);
        boolean ocr = bool(p, "parser.ocr", "ocr", true, problems);
        List<String> languages = languages(p, problems);
        double maxMb = number(p, "parser.max-file-mb", "max-file-mb", defaults.maxFileBytes() / (1024.0 * 1024.0), problems);
        if (maxMb <= 0) {
            problems.add("parser.max-file-mb", "must be more than 0 (megabytes)");
        }
        int timeout = integer(p, "parser.timeout-seconds", "timeout-seconds", 300, problems);
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            problems.add("parser.timeout-seconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS + " (found " + timeout + ")");
        }

        JsonNode c = object(root, "chunking", problems);
        unknownFields(c, "chunking.", CHUNKING, problems);
        String strategy = text(c, "strategy", PipelineDefinition.STRATEGY_STRUCTURE, problems, "chunking.strategy");
        if (!PipelineDefinition.STRATEGIES.contains(strategy)) {
            problems.add("chunking.strategy", "must be one of " + PipelineDefinition.STRATEGIES + " (found \"" + strategy + "\")");
        }
        int maxChars = integer(c, "chunking.max-chars", "max-chars", defaults.maxChars(), problems);
        int overlap = integer(c, "chunking.overlap-chars", "overlap-chars", defaults.overlapChars(), problems);
        if (maxChars < 100) {
            problems.add("chunking.max-chars", "must be at least 100 (found " + maxChars + ")");
        }
        if (overlap < 0 || overlap >= maxChars / 2) {
            problems.add("chunking.overlap-chars", "must be at least 0 and less than half of max-chars (found " + overlap + ")");
        }

        List<String> extractors = new ArrayList<>();
        JsonNode ex = root.get("extractors");
        if (ex != null && !ex.isNull()) {
            if (!ex.isArray()) {
                problems.add("extractors", "must be a list, e.g. [defined-terms, cross-references]");
            } else {
                for (JsonNode e : ex) {
                    if (!e.isTextual() || !PipelineDefinition.EXTRACTORS.contains(e.asText())) {
                        problems.add("extractors", "unknown extractor \"" + e.asText() + "\"; known: " + PipelineDefinition.EXTRACTORS);
                    } else if (!extractors.contains(e.asText())) {
                        extractors.add(e.asText());
                    }
                }
            }
        }

        String model = text(root, "embedding-model", defaults.embeddingModel(), problems);
        if (!model.equals(defaults.embeddingModel())) {
            problems.add("embedding-model", "is \"" + model + "\" but the server embeds with \"" + defaults.embeddingModel()
                    + "\" (docqa.embedding.model); one index holds one model's vectors, so leave it out or use that model");
        }
        if (!problems.isEmpty()) {
            throw problems.exception();
        }
        return new PipelineDefinition(name, description,
                new PipelineDefinition.Parser(ocr, List.copyOf(languages), (long) (maxMb * 1024 * 1024), timeout),
                new PipelineDefinition.Chunking(strategy, maxChars, overlap), List.copyOf(extractors), model, source);
    }

    /** The line of every field, by dotted path ("chunking.max-chars"), from Jackson's streaming parser. */
    private Map<String, Integer> fieldLines(String content) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.createParser(content)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String path = parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
                    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static void unknownFields(JsonNode node, String prefix, Set<String> known, Problems problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!known.contains(field)) {
                problems.add(prefix + field, "unknown field; known fields here: " + known.stream().sorted().toList());
            }
        }
    }

    private JsonNode object(JsonNode root, String field, Problems problems) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return mapper.createObjectNode();
        }
        if (!n.isObject()) {
            problems.add(field, "must be a mapping of fields");
            return mapper.createObjectNode();
        }
        return n;
    }

    private static String text(JsonNode node, String field, String fallback, Problems problems) {
        return text(node, field, fallback, problems, field);
    }

    private static String text(JsonNode node, String field, String fallback, Problems problems, String path) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isValueNode()) {
            problems.add(path, "must be a single value");
            return fallback;
        }
        return n.asText().strip();
    }

    private static boolean bool(JsonNode node, String path, String field, boolean fallback, Problems problems) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            problems.add(path, "must be true or false (found \"" + n.asText() + "\")");
            return fallback;
        }
        return n.booleanValue();
    }

    private static int integer(JsonNode node, String path, String field, int fallback, Problems problems) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problems.add(path, "must be a whole number (found \"" + n.asText() + "\")");
            return fallback;
        }
        return n.intValue();
    }

    private static double number(JsonNode node, String path, String field, double fallback, Problems problems) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            problems.add(path, "must be a number (found \"" + n.asText() + "\")");
            return fallback;
        }
        return n.doubleValue();
    }

    private static List<String> languages(JsonNode parser, Problems problems) {
        JsonNode n = parser.get("languages");
        if (n == null || n.isNull()) {
            return List.of("eng");
        }
        List<String> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        for (JsonNode item : items) {
            if (!item.isTextual() || !LANGUAGE.matcher(item.asText()).matches()) {
                problems.add("parser.languages", "each language is a Tesseract code such as eng, deu or chi_sim (found \""
                        + item.asText() + "\")");
            } else {
                out.add(item.asText());
            }
        }
        if (out.isEmpty() && items.isEmpty()) {
            problems.add("parser.languages", "must name at least one language, e.g. [eng]");
        }
        return out;
    }

    /** Problems of one file, each with the line of its field (or of its parent field, or line 1). */
    private static final class Problems {
        private final String source;
        private final Map<String, Integer> lines = new HashMap<>();
        private final List<String> messages = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(String field, String message) {
            Integer line = lines.get(field);
            String parent = field;
            while (line == null && parent.contains(".")) {
                parent = parent.substring(0, parent.lastIndexOf('.'));
                line = lines.get(parent);
            }
            add(line == null ? 1 : line, field, message);
        }

        void add(int line, String field, String message) {
            messages.add(source + ", line " + line + ", field " + field + ": " + message);
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }

        PipelineException exception() {
            return new PipelineException(messages);
        }
    }
}
