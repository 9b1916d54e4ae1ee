package io.kasa.server.docs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a document, in the format every API page under {@code docs/}
 * follows. A fenced block whose info string is {@code sh example} is an example: what a reader
 * types in bash at the repository root with the server running; all of a document's examples
 * run in order in one shell, the first one setting {@code KASA}, the keys and whatever else the
 * page needs. An example followed (blank lines between at most) by a {@code json answer} block
 * must print one JSON document that matches it; one without must merely succeed. A
 * {@code java} block must compile as the body of a method in which {@code KasaClient client} and
 * {@code KasaAdminClient admin} are in scope, with {@code io.kasa.client.*}, {@code java.math.*},
 * {@code java.time.*} and {@code java.util.*} imported.
 *
 * <p>The rules that match a documented answer against a real one:
 * <ol>
 *   <li>the string {@code "…"} (U+2026) matches any value of any type, the key being present;</li>
 *   <li>a documented UUID string matches any UUID string;</li>
 *   <li>a documented {@code yyyy-MM-ddTHH:mm:ss} string (optional fraction and offset) matches
 *       any string of that form;</li>
 *   <li>every other value must be equal: numbers numerically ({@code 22} equals {@code 22.00}),
 *       strings, booleans and null exactly;</li>
 *   <li>objects must have the same keys, in any order; arrays the same length, element by
 *       element, except that a last documented element {@code "…"} matches zero or more
 *       further elements.</li>
 * </ol>
 */
final class DocsExamples {

    /** The documented value that stands for any value. */
    static final String ANY = "…";

    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*(.*)$");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DocsExamples() {
    }

    /** A runnable example: its shell text, the line of its first command, and the answer it documents, if any. */
    record Example(int index, int line, String script, Optional<Answer> answer) {

        /** The example's first non-blank line, to name it in a failure. */
        String firstLine() {
            return script.lines().filter(text -> !text.isBlank()).findFirst().orElse("").strip();
        }
    }

    /** A documented answer: its JSON text and the line it starts on. */
    record Answer(int line, String json) {
    }

    /** A {@code java} block: its text and the line of its first statement. */
    record Snippet(int line, String code) {
    }

    /** What a document holds: its runnable examples in order and its Java snippets. */
    record Document(String name, List<Example> examples, List<Snippet> snippets) {
    }

    /**
     * One HTTP exchange an example made with curl: enough to check it against the API contract.
     *
     * @param example        the index of the example that made it
     * @param url            the URL curl ended at
     * @param requestHeaders the {@code -H} arguments, by name (case-insensitive)
     * @param requestBody    the {@code -d}/{@code --data*} argument (a file's content for {@code @file}), or null
     * @param contentType    the answer's {@code Content-Type}, empty when there was none
     * @param body           the answer's body as received
     */
    record Exchange(int example, String method, String url, Map<String, String> requestHeaders, String requestBody,
                    int status, String contentType, String body) {

        Exchange {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(requestHeaders);
            requestHeaders = java.util.Collections.unmodifiableMap(headers);
        }

        /** The path and query of the URL, as a server sees them. */
        String pathAndQuery() {
            URI uri = URI.create(url);
            return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        }

        @Override
        public String toString() {
            return method + " " + pathAndQuery() + " -> " + status;
        }
    }

    /** Reads a markdown document's examples, answers and snippets. */
    static Document parse(String name, String markdown) {
        List<Block> blocks = blocks(markdown);
        List<Example> examples = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.info().equals("sh example")) {
                Optional<Answer> answer = Optional.empty();
                if (i + 1 < blocks.size() && blocks.get(i + 1).info().equals("json answer")
                        && blocks.get(i + 1).adjacent()) {
                    Block next = blocks.get(i + 1);
                    answer = Optional.of(new Answer(next.line(), next.text()));
                }
                examples.add(new Example(examples.size() + 1, block.line(), block.text(), answer));
            } else if (block.info().equals("java")) {
                snippets.add(new Snippet(block.line(), block.text()));
            } else if (block.info().equals("json answer") && (i == 0 || !blocks.get(i - 1).info().equals("sh example")
                    || !block.adjacent())) {
                throw new IllegalArgumentException(name + " line " + block.line()
                        + ": a json answer block that does not follow an sh example directly");
            }
        }
        return new Document(name, List.copyOf(examples), List.copyOf(snippets));
    }

    /**
     * A fenced block: its info string, the line of its first content line (1-based), its text,
     * and whether only blank lines separate it from the block before it.
     */
    private record Block(String info, int line, String text, boolean adjacent) {
    }

    private static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        boolean onlyBlankSinceLastBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                onlyBlankSinceLastBlock &= lines.get(i).isBlank();
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            String info = open.group(3).strip();
            StringBuilder text = new StringBuilder();
            int start = i + 2;
            int j = i + 1;
            for (; j < lines.size(); j++) {
                String line = lines.get(j);
                String trimmed = line.strip();
                if (trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0))) {
                    break;
                }
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
            }
            blocks.add(new Block(info, start, text.toString(), onlyBlankSinceLastBlock));
            onlyBlankSinceLastBlock = true;
            i = j;
        }
        return blocks;
    }

    /** Why a real answer does not match a documented one: where, and the two values there. */
    record Mismatch(String path, String expected, String actual, String reason) {
        @Override
        public String toString() {
            return "at " + path + " " + reason + ": expected " + expected + ", actual " + actual;
        }
    }

    /** Reads a JSON text that must be one JSON document (nothing after it). */
    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** The first difference between the documented answer and the real output, or empty when they match. */
    static Optional<Mismatch> match(String documented, String actual) {
        JsonNode expected;
        try {
            expected = json(documented);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the documented answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (actual.isBlank()) {
            return Optional.of(new Mismatch("$", compact(expected), "(no output)", "the example printed nothing"));
        }
        JsonNode real;
        try {
            real = json(actual);
        } catch (JacksonException e) {
            return Optional.of(new Mismatch("$", compact(expected), actual.strip(),
                    "the output is not one JSON document (" + e.getOriginalMessage() + ")"));
        }
        return match("$", expected, real);
    }

    static Optional<Mismatch> match(String path, JsonNode expected, JsonNode actual) {
        if (expected.isString() && expected.asString().equals(ANY)) {
            return Optional.empty();
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return differ(path, expected, actual, "an object was documented");
            }
            for (String name : expected.propertyNames()) {
                if (!actual.has(name)) {
                    return differ(path + "." + name, expected.get(name), null, "a documented key is missing");
                }
            }
            for (String name : actual.propertyNames()) {
                if (!expected.has(name)) {
                    return differ(path + "." + name, null, actual.get(name), "a key that is not documented");
                }
            }
            for (String name : expected.propertyNames()) {
                Optional<Mismatch> inner = match(path + "." + name, expected.get(name), actual.get(name));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            if (!actual.isArray()) {
                return differ(path, expected, actual, "an array was documented");
            }
            int documented = expected.size();
            boolean open = documented > 0 && isAny(expected.get(documented - 1));
            int fixed = open ? documented - 1 : documented;
            if (open ? actual.size() < fixed : actual.size() != fixed) {
                return differ(path, expected, actual, "the array has " + actual.size() + " elements, "
                        + (open ? "at least " : "") + fixed + " documented");
            }
            for (int i = 0; i < fixed; i++) {
                Optional<Mismatch> inner = match(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected.isString()) {
            String text = expected.asString();
            if (UUID_TEXT.matcher(text).matches()) {
                return actual.isString() && UUID_TEXT.matcher(actual.asString()).matches()
                        ? Optional.empty() : differ(path, expected, actual, "a UUID was documented");
            }
            if (DATE_TIME.matcher(text).matches()) {
                return actual.isString() && DATE_TIME.matcher(actual.asString()).matches()
                        ? Optional.empty() : differ(path, expected, actual, "a date-time was documented");
            }
            return actual.isString() && actual.asString().equals(text)
                    ? Optional.empty() : differ(path, expected, actual, "the values differ");
        }
        if (expected.isNumber()) {
            return actual.isNumber() && actual.decimalValue().compareTo(expected.decimalValue()) == 0
                    ? Optional.empty() : differ(path, expected, actual, "the values differ");
        }
        return expected.equals(actual) ? Optional.empty() : differ(path, expected, actual, "the values differ");
    }

    private static boolean isAny(JsonNode node) {
        return node.isString() && node.asString().equals(ANY);
    }

    private static Optional<Mismatch> differ(String path, JsonNode expected, JsonNode actual, String reason) {
        return Optional.of(new Mismatch(path, expected == null ? "(nothing)" : compact(expected),
                actual == null ? "(nothing)" : compact(actual), reason));
    }

    private static String compact(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** The JSON pretty-printed as {@code jq .} would, for failure messages. */
    static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(json));
        } catch (JacksonException e) {
            return json;
        }
    }
}
