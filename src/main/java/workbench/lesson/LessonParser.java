package workbench.lesson;

import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a lesson file (format in {@code lessons/README.md}): YAML front matter with {@code id},
 * {@code title}, {@code lab} and {@code order}; a summary; steps under level-2 headings; fenced
 * {@code lab} blocks of {@code key: value} lines; {@code predict} blocks each followed by a
 * {@code reveal} block. Anything wrong raises a {@link LessonFormatException} naming the line.
 * HTML in a lesson becomes literal text and images must come from assets/ or lessons/.
 */
public final class LessonParser {

    public static final Set<String> FRONT_MATTER_KEYS = Set.of("id", "title", "lab", "order");
    public static final String LAB_FENCE = "lab";
    public static final String PREDICT_FENCE = "predict";
    public static final String REVEAL_FENCE = "reveal";

    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]*)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final Set<String> labs;
    private final Predicate<String> resourceExists;
    private final Parser markdown = Parser.builder()
            .extensions(List.of(YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    /**
     * @param labs           the ids of the labs a lesson may name
     * @param resourceExists whether a class-path resource ("/lessons/x.png") exists, for images
     */
    public LessonParser(Set<String> labs, Predicate<String> resourceExists) {
        this.labs = Set.copyOf(labs);
        this.resourceExists = resourceExists;
    }

    /** A parser that looks images up on the class path. */
    public LessonParser(Set<String> labs) {
        this(labs, resource -> LessonParser.class.getResource(resource) != null);
    }

    public Set<String> labs() {
        return labs;
    }

    /** Parses one lesson file; {@code file} is its name, used in every message. */
    public Lesson parse(String file, String text) throws LessonFormatException {
        String source = text.replace("\r\n", "\n").replace('\r', '\n');
        if (source.startsWith("\uFEFF")) {
            source = source.substring(1);
        }
        String[] lines = source.split("\n", -1);
        FrontMatter front = frontMatter(file, lines);
        Node document = markdown.parse(MathSpans.protect(source));
        YamlFrontMatterVisitor yaml = new YamlFrontMatterVisitor();
        document.accept(yaml);
        if (yaml.getData().isEmpty()) {
            throw new LessonFormatException(file, 1, "the front matter could not be read; it must open and close with a line '---'");
        }
        String id = front.value("id");
        if (!ID.matcher(id).matches()) {
            throw new LessonFormatException(file, front.line("id"), "id '" + id + "' must be lower-case letters, digits and '-'");
        }
        String title = front.value("title");
        String lab = front.value("lab");
        if (!labs.contains(lab)) {
            throw new LessonFormatException(file, front.line("lab"), unknownLab(lab));
        }
        int order;
        try {
            order = Integer.parseInt(front.value("order"));
        } catch (NumberFormatException notANumber) {
            throw new LessonFormatException(file, front.line("order"), "order must be a whole number, not '" + front.value("order") + "'");
        }
        if (order < 0 || order > 9999) {
            throw new LessonFormatException(file, front.line("order"), "order must be between 0 and 9999, not " + order);
        }
        StepBuilder builder = new StepBuilder(file, lab);
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (!(node instanceof YamlFrontMatterBlock)) {
                node = builder.add(node);
            }
        }
        List<Step> steps = builder.finish();
        if (steps.isEmpty()) {
            throw new LessonFormatException(file, lines.length, "the lesson has no steps; start each step with a level-2 heading (## …)");
        }
        return new Lesson(id, title, lab, order, file, builder.summary, steps);
    }

    /** The front matter's keys with their values and lines, checked line by line. */
    private record FrontMatter(Map<String, String> values, Map<String, Integer> lines) {
        String value(String key) {
            return values.get(key);
        }

        int line(String key) {
            return lines.get(key);
        }
    }

    private FrontMatter frontMatter(String file, String[] lines) throws LessonFormatException {
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw new LessonFormatException(file, 1, "a lesson starts with front matter: a line '---', then "
                    + "id, title, lab and order as 'key: value', then '---'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> where = new LinkedHashMap<>();
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals("---") || line.equals("...")) {
                close = i;
                break;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                throw new LessonFormatException(file, i + 1, "expected 'key: value' in the front matter, found '" + line + "'");
            }
            String key = m.group(1);
            if (!FRONT_MATTER_KEYS.contains(key)) {
                throw new LessonFormatException(file, i + 1, "unknown front matter key '" + key + "'; use id, title, lab and order");
            }
            if (values.containsKey(key)) {
                throw new LessonFormatException(file, i + 1, "'" + key + "' is given twice (first on line " + where.get(key) + ")");
            }
            String value = unquote(file, i + 1, m.group(2));
            if (value.isBlank()) {
                throw new LessonFormatException(file, i + 1, "'" + key + "' has no value");
            }
            values.put(key, value);
            where.put(key, i + 1);
        }
        if (close < 0) {
            throw new LessonFormatException(file, 1, "the front matter is not closed: add a line '---' after it");
        }
        for (String key : List.of("id", "title", "lab", "order")) {
            if (!values.containsKey(key)) {
                throw new LessonFormatException(file, close + 1, "the front matter has no '" + key + "'");
            }
        }
        return new FrontMatter(values, where);
    }

    /** A value as written, without surrounding quotes; "…" may escape \" and \\. */
    static String unquote(String file, int line, String raw) throws LessonFormatException {
        String v = raw.strip();
        if (v.startsWith("\"")) {
            if (v.length() < 2 || !v.endsWith("\"") || v.endsWith("\\\"") && !v.endsWith("\\\\\"")) {
                throw new LessonFormatException(file, line, "the quoted value " + v + " has no closing quote");
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    char next = v.charAt(++i);
                    out.append(next == 'n' ? '\n' : next);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (v.startsWith("'")) {
            if (v.length() < 2 || !v.endsWith("'")) {
                throw new LessonFormatException(file, line, "the quoted value " + v + " has no closing quote");
            }
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private String unknownLab(String lab) {
        return "unknown lab '" + lab + "'; the labs are " + String.join(", ", labs.stream().sorted().toList());
    }

    /** 1-based line where a node starts. */
    static int lineOf(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
    }

    /** Collects steps from the top-level blocks in order. */
    private final class StepBuilder {
        private final String file;
        private final List<Step> steps = new ArrayList<>();
        private final List<Block> summary = new ArrayList<>();
        private String currentLab;
        private String title;
        private int titleLine;
        private List<Block> body;
        private List<LabDirective> directives;

        StepBuilder(String file, String lab) {
            this.file = file;
            this.currentLab = lab;
        }

        /** Adds a top-level node; returns the last node it consumed (a predict block takes its reveal block too). */
        Node add(Node node) throws LessonFormatException {
            MarkdownBlocks blocks = new MarkdownBlocks(file, resourceExists);
            if (node instanceof org.commonmark.node.Heading heading) {
                if (heading.getLevel() == 1) {
                    throw new LessonFormatException(file, lineOf(node), "a lesson has no level-1 heading: its title is "
                            + "'title' in the front matter, and its steps start with '##'");
                }
                if (heading.getLevel() == 2) {
                    close();
                    title = Inlines.plain(blocks.inlines(heading, lineOf(node))).strip();
                    titleLine = lineOf(node);
                    if (title.isEmpty()) {
                        throw new LessonFormatException(file, titleLine, "a step heading needs a title");
                    }
                    body = new ArrayList<>();
                    directives = new ArrayList<>();
                    return node;
                }
            }
            if (node instanceof org.commonmark.node.FencedCodeBlock fence) {
                String info = MarkdownBlocks.fenceKind(fence);
                if (info.equals(LAB_FENCE)) {
                    if (body == null) {
                        throw new LessonFormatException(file, lineOf(node), "a lab block belongs inside a step (after a '##' heading)");
                    }
                    directives.addAll(directives(fence));
                    return node;
                }
                if (info.equals(PREDICT_FENCE)) {
                    Node next = node.getNext();
                    if (!(next instanceof org.commonmark.node.FencedCodeBlock reveal)
                            || !MarkdownBlocks.fenceKind(reveal).equals(REVEAL_FENCE)) {
                        throw new LessonFormatException(file, lineOf(node), "a predict block must be followed directly by a reveal block");
                    }
                    Block.Prediction prediction = new Block.Prediction(nested(fence), nested(reveal), lineOf(node));
                    if (prediction.question().isEmpty()) {
                        throw new LessonFormatException(file, lineOf(node), "the predict block asks nothing");
                    }
                    if (prediction.answer().isEmpty()) {
                        throw new LessonFormatException(file, lineOf(next), "the reveal block is empty");
                    }
                    target().add(prediction);
                    return next;
                }
                if (info.equals(REVEAL_FENCE)) {
                    throw new LessonFormatException(file, lineOf(node), "a reveal block must follow a predict block");
                }
            }
            target().add(blocks.block(node));
            return node;
        }

        private List<Block> target() {
            return body != null ? body : summary;
        }

        /** The Markdown inside a predict or reveal fence, with its own line numbers. */
        private List<Block> nested(org.commonmark.node.FencedCodeBlock fence) throws LessonFormatException {
            int offset = lineOf(fence);
            Node inner = markdown.parse(MathSpans.protect(fence.getLiteral()));
            List<Block> out = new ArrayList<>();
            MarkdownBlocks blocks = new MarkdownBlocks(file, resourceExists, offset);
            for (Node n = inner.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof org.commonmark.node.Heading h && h.getLevel() <= 2) {
                    throw new LessonFormatException(file, offset + lineOf(n), "a predict or reveal block cannot start a step");
                }
                out.add(blocks.block(n));
            }
            return out;
        }

        private List<LabDirective> directives(org.commonmark.node.FencedCodeBlock fence) throws LessonFormatException {
            List<LabDirective> out = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            String[] rows = fence.getLiteral().split("\n", -1);
            int first = lineOf(fence) + 1;
            for (int i = 0; i < rows.length; i++) {
                int line = first + i;
                String row = rows[i].strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                Matcher m = KEY_VALUE.matcher(row);
                if (!m.matches()) {
                    throw new LessonFormatException(file, line, "expected 'key: value' in the lab block, found '" + row + "'");
                }
                String key = m.group(1);
                if (seen.containsKey(key)) {
                    throw new LessonFormatException(file, line, "'" + key + "' is set twice in this block (first on line " + seen.get(key) + ")");
                }
                seen.put(key, line);
                String value = unquote(file, line, m.group(2));
                if (value.isEmpty()) {
                    throw new LessonFormatException(file, line, "'" + key + "' has no value");
                }
                switch (key) {
                    case LabDirective.LAB -> {
                        if (!labs.contains(value)) {
                            throw new LessonFormatException(file, line, unknownLab(value));
                        }
                        currentLab = value;
                        out.add(new LabDirective(value, key, value, line));
                        continue;
                    }
                    case LabDirective.HIGHLIGHT -> {
                        for (String id : value.split(",")) {
                            if (!NODE_ID.matcher(id.strip()).matches()) {
                                throw new LessonFormatException(file, line, "'" + id.strip() + "' is not a node id (letters, digits, '-' and '_')");
                            }
                        }
                    }
                    default -> { }
                }
                out.add(new LabDirective(currentLab, key, value, line));
            }
            return out;
        }

        private void close() throws LessonFormatException {
            if (body == null) {
                return;
            }
            for (LabDirective d : directives) {
                if (d.key().equals(LabDirective.HIGHLIGHT) && !d.lab().equals(currentLab)) {
                    throw new LessonFormatException(file, d.line(), "the highlight is in the " + d.lab()
                            + " lab, but this step ends on the " + currentLab + " lab; move the highlight after 'lab: " + currentLab + "'");
                }
            }
            steps.add(new Step(steps.size() + 1, title, titleLine, body, directives));
            body = null;
            directives = null;
        }

        List<Step> finish() throws LessonFormatException {
            close();
            return steps;
        }
    }
}
