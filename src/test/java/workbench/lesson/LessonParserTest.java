package workbench.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonParserTest {

    static final Set<String> LABS = Set.of("attention", "sampling", "memory");
    private final LessonParser parser = new LessonParser(LABS, resource -> resource.equals("/lessons/img/ok.png"));

    static final String GOOD = String.join("\n",
            "---",                                      // 1
            "id: heads",                                // 2
            "title: \"Many heads: what they learn\"",   // 3
            "lab: attention",                           // 4
            "order: 5",                                 // 5
            "---",                                      // 6
            "",                                         // 7
            "What this lesson is about.",               // 8
            "",                                         // 9
            "## First look",                            // 10
            "",                                         // 11
            "Look at $QK^\\top / \\sqrt{d_k}$ and *this*.", // 12
            "",                                         // 13
            "```lab",                                   // 14
            "layer: 0",                                 // 15
            "prompt: \"He said: \\\"go\\\"\"",          // 16
            "highlight: attention-heatmap",             // 17
            "```",                                      // 18
            "",                                         // 19
            "## Predict",                               // 20
            "",                                         // 21
            "```predict",                               // 22
            "What happens at temperature $T \\to 0$?",  // 23
            "```",                                      // 24
            "```reveal",                                // 25
            "All the **mass** goes to one token.",      // 26
            "```",                                      // 27
            "",                                         // 28
            "```lab",                                   // 29
            "lab: sampling",                            // 30
            "temperature: 0.1",                         // 31
            "```",                                      // 32
            "",                                         // 33
            "## Back",                                  // 34
            "",                                         // 35
            "```lab",                                   // 36
            "lab: attention",                           // 37
            "layer: 2",                                 // 38
            "```",                                      // 39
            "");

    @Test
    void readsFrontMatterStepsAndDirectivesWithTheirLines() throws Exception {
        Lesson lesson = parser.parse("05-heads.md", GOOD);
        assertEquals("heads", lesson.id());
        assertEquals("Many heads: what they learn", lesson.title());
        assertEquals("attention", lesson.lab());
        assertEquals(5, lesson.order());
        assertEquals(1, lesson.summary().size());
        assertEquals(List.of("First look", "Predict", "Back"), lesson.steps().stream().map(Step::title).toList());
        assertEquals(List.of(10, 20, 34), lesson.steps().stream().map(Step::line).toList());

        Step first = lesson.steps().get(0);
        assertEquals(List.of(
                new LabDirective("attention", "layer", "0", 15),
                new LabDirective("attention", "prompt", "He said: \"go\"", 16),
                new LabDirective("attention", "highlight", "attention-heatmap", 17)), first.directives());

        Step second = lesson.steps().get(1);
        assertEquals(1, second.predictions());
        Block.Prediction p = assertInstanceOf(Block.Prediction.class, second.body().get(0));
        assertEquals(22, p.line());
        assertEquals("What happens at temperature T → 0?",
                Inlines.plain(((Block.Paragraph) p.question().get(0)).content()));
        assertEquals(List.of(new LabDirective("sampling", "lab", "sampling", 30),
                new LabDirective("sampling", "temperature", "0.1", 31)), second.directives());
    }

    @Test
    void mathSpansAreTypesetNotReadAsEmphasis() throws Exception {
        Lesson lesson = parser.parse("05-heads.md", GOOD);
        Block.Paragraph p = (Block.Paragraph) lesson.steps().get(0).body().get(0);
        Inline.Math math = assertInstanceOf(Inline.Math.class, p.content().get(1));
        assertEquals("QK^\\top / \\sqrt{d_k}", math.tex());
        assertEquals("QK⊤ / √dk", MathText.plain(math.runs()));
        assertInstanceOf(Inline.Emphasis.class, p.content().get(3));
    }

    @Test
    void stateAtAStepFoldsEveryEarlierStepLaterValuesWinning() throws Exception {
        Lesson lesson = parser.parse("05-heads.md", GOOD);
        StepState first = lesson.stateAt(0);
        assertEquals("attention", first.lab());
        assertEquals(List.of("layer=0", "prompt=He said: \"go\""), keys(first.settings()));
        assertEquals(1, first.highlights().size());

        StepState second = lesson.stateAt(1);
        assertEquals("sampling", second.lab());
        assertEquals(List.of("temperature=0.1"), keys(second.settings()));
        assertTrue(second.highlights().isEmpty(), "highlights do not carry over");

        StepState third = lesson.stateAt(2);
        assertEquals("attention", third.lab());
        assertEquals(List.of("prompt=He said: \"go\"", "layer=2"), keys(third.settings()));
        assertEquals(Set.of("attention", "sampling"), lesson.labs());
    }

    private static List<String> keys(List<LabDirective> directives) {
        return directives.stream().map(d -> d.key() + "=" + d.value()).toList();
    }

    @Test
    void htmlIsKeptAsLiteralText() throws Exception {
        Lesson lesson = parser.parse("01-x.md", lesson("## S\n\n<script>alert('x')</script>\n\nInline <b onclick=\"evil()\">bold</b>.\n"));
        List<Block> body = lesson.steps().get(0).body();
        Block.LiteralHtml block = assertInstanceOf(Block.LiteralHtml.class, body.get(0));
        assertEquals("<script>alert('x')</script>", block.text());
        Block.Paragraph p = assertInstanceOf(Block.Paragraph.class, body.get(1));
        assertEquals("Inline <b onclick=\"evil()\">bold</b>.", Inlines.plain(p.content()));
        assertInstanceOf(Inline.LiteralHtml.class, p.content().get(1));
    }

    @Test
    void imagesResolveInsideLessonsOnly() throws Exception {
        Lesson lesson = parser.parse("01-x.md", lesson("## S\n\n![a chart](img/ok.png)\n"));
        Block.Paragraph p = (Block.Paragraph) lesson.steps().get(0).body().get(0);
        assertEquals(new Inline.Image("a chart", "/lessons/img/ok.png"), p.content().get(0));

        LessonProblem escape = problem(lesson("## S\n\nText.\n\n![x](../../etc/passwd.png)\n"));
        assertEquals(12, escape.line());
        assertTrue(escape.message().contains("leaves the assets/ and lessons/ folders"), escape.message());
        LessonProblem missing = problem(lesson("## S\n\n![x](img/missing.png)\n"));
        assertTrue(missing.message().contains("not on the class path"), missing.message());
    }

    static String lesson(String body) {
        return "---\nid: x\ntitle: X\nlab: attention\norder: 1\n---\n\n" + body;
    }

    private LessonProblem problem(String text) {
        return assertThrows(LessonFormatException.class, () -> parser.parse("07-broken.md", text)).problem();
    }

    private void assertProblem(String text, int line, String fragment) {
        LessonProblem p = problem(text);
        assertEquals("07-broken.md", p.file());
        assertEquals(line, p.line(), p.describe());
        assertTrue(p.message().contains(fragment), p.describe());
        assertTrue(p.describe().startsWith("07-broken.md, line " + line + ": "), p.describe());
    }

    @Test
    void brokenFrontMatterNamesTheLine() {
        assertProblem("# no front matter\n", 1, "starts with front matter");
        assertProblem("---\nid: x\ntitle: X\n", 1, "not closed");
        assertProblem("---\nid: x\ntitle X\nlab: attention\norder: 1\n---\n## S\n", 3, "expected 'key: value'");
        assertProblem("---\nid: x\ntitle: X\nlab: tokenisation\norder: 1\n---\n## S\n", 4, "unknown lab 'tokenisation'");
        assertProblem("---\nid: x\ntitle: X\nlab: attention\norder: first\n---\n## S\n", 5, "order must be a whole number");
        assertProblem("---\nid: x\ntitle: X\nlab: attention\n---\n## S\n", 5, "no 'order'");
        assertProblem("---\nid: x\ntitle: X\nlab: attention\norder: 1\nauthor: me\n---\n## S\n", 6, "unknown front matter key 'author'");
        assertProblem("---\nid: X Y\ntitle: X\nlab: attention\norder: 1\n---\n## S\n", 2, "lower-case");
        assertProblem("---\nid: x\nid: y\ntitle: X\nlab: attention\norder: 1\n---\n## S\n", 3, "given twice");
        assertProblem("---\nid: x\ntitle: \"X\nlab: attention\norder: 1\n---\n## S\n", 3, "no closing quote");
    }

    @Test
    void brokenBodyNamesTheLine() {
        assertProblem(lesson("Only a summary.\n"), 9, "no steps");
        assertProblem(lesson("# Title\n"), 8, "no level-1 heading");
        assertProblem(lesson("```lab\nlayer: 1\n```\n## S\n"), 8, "inside a step");
        assertProblem(lesson("## S\n\n```lab\nlayer 1\n```\n"), 11, "expected 'key: value'");
        assertProblem(lesson("## S\n\n```lab\nlayer: 1\nhead: 2\nlayer: 3\n```\n"), 13, "set twice");
        assertProblem(lesson("## S\n\n```lab\nlab: atention\n```\n"), 11, "unknown lab 'atention'");
        assertProblem(lesson("## S\n\n```lab\nlayer:\n```\n"), 11, "no value");
        assertProblem(lesson("## S\n\n```lab\nhighlight: a b\n```\n"), 11, "not a node id");
        assertProblem(lesson("## S\n\n```predict\nWhat?\n```\n\nText.\n"), 10, "followed directly by a reveal");
        assertProblem(lesson("## S\n\n```reveal\nThis.\n```\n"), 10, "must follow a predict");
        assertProblem(lesson("## S\n\n- item\n\n  ```lab\n  layer: 1\n  ```\n"), 12, "stand on its own");
        assertProblem(lesson("## S\n\n```lab\nhighlight: attention-heatmap\nlab: memory\n```\n"), 11, "ends on the memory lab");
        assertProblem(lesson("## S\n\n```predict\nWhat about ![x](/etc/a.png)?\n```\n```reveal\nNo.\n```\n"), 11, "absolute path");
    }
}
