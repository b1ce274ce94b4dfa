package workbench.lesson.player;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import workbench.lesson.Inline;
import workbench.lesson.Lesson;
import workbench.lesson.LessonParser;
import workbench.ui.common.Theme;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson text drawn natively: HTML as text, never run; math set in its own style; images sandboxed. */
class LessonMarkdownTest {

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static final String LESSON = String.join("\n",
            "---", "id: x", "title: X", "lab: memory", "order: 1", "---", "",
            "## Sandbox", "",
            "<script>document.title = 'run'</script>", "",
            "<iframe src=\"http://example.com\"></iframe>", "",
            "Text with <img src=x onerror=alert(1)> inline, *em*, **strong**, `code` and $x_i^2 \\cdot \\alpha$.", "",
            "[a link](javascript:alert(1))", "");

    private VBox render() throws Exception {
        return render("");
    }

    /** @param style inline style of a box around the lesson text, as presenter mode enlarges it */
    private VBox render(String style) throws Exception {
        Lesson lesson = new LessonParser(Set.of("memory")).parse("01-x.md", LESSON);
        VBox[] out = new VBox[1];
        FxToolkit.setupStage(stage -> {
            out[0] = new LessonMarkdown(p -> new VBox()).render(lesson.steps().get(0).body());
            VBox pane = new VBox(out[0]);
            pane.setStyle(style);
            pane.getStylesheets().add(LessonPane.class.getResource("/workbench/ui/lessons.css").toExternalForm());
            Scene scene = new Scene(pane, 600, 400);
            new ThemeManager(Theme.LIGHT).attach(scene);
            stage.setScene(scene);
            stage.show();
        });
        robot.interact(() -> { });
        return out[0];
    }

    private static List<Node> all(Node root) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        if (root instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                nodes.addAll(all(child));
            }
        }
        return nodes;
    }

    private static List<Text> texts(Node root) {
        return all(root).stream().filter(n -> n instanceof Text).map(n -> (Text) n).toList();
    }

    @Test
    void htmlAndScriptsAreShownAsTextNeverRun() throws Exception {
        VBox box = render();
        List<String> literal = texts(box).stream().filter(t -> t.getStyleClass().contains(LessonMarkdown.LITERAL))
                .map(Text::getText).toList();
        assertEquals(List.of("<script>document.title = 'run'</script>", "<iframe src=\"http://example.com\"></iframe>",
                "<img src=x onerror=alert(1)>"), literal);
        for (Node n : all(box)) {
            String type = n.getClass().getName();
            assertFalse(type.contains("WebView") || type.contains("HTMLEditor"), type);
            assertFalse(n instanceof ImageView, "the <img> tag loads nothing");
        }
        String link = texts(box).stream().filter(t -> t.getStyleClass().contains("lesson-link")).map(Text::getText)
                .findFirst().orElseThrow();
        assertEquals("a link", link);
    }

    @Test
    void mathIsSetInASerifItalicWithRaisedAndLoweredScripts() throws Exception {
        VBox box = render();
        List<Text> math = texts(box).stream().filter(t -> t.getStyleClass().contains(LessonMarkdown.MATH)).toList();
        assertEquals(List.of("x", "i", "2", " · ", "α"), math.stream().map(Text::getText).toList());
        Text x = math.get(0);
        Text sub = math.get(1);
        Text sup = math.get(2);
        assertTrue(x.getFont().getName().toLowerCase().contains("italic")
                || x.getFont().getStyle().toLowerCase().contains("italic"), x.getFont().toString());
        assertTrue(sub.getFont().getSize() < x.getFont().getSize(), "scripts are smaller");
        assertTrue(sub.getTranslateY() > 0, "subscript lowered");
        assertTrue(sup.getTranslateY() < 0, "superscript raised");
        Text code = texts(box).stream().filter(t -> t.getText().equals("code")).findFirst().orElseThrow();
        assertTrue(code.getFont().getFamily().toLowerCase().contains("mono"), code.getFont().toString());
    }

    @Test
    void codeAndMathGrowWithTheText() throws Exception {
        // The presenter's pane enlarges its text with an em size, as here: 2.5 × 13 px.
        VBox box = render("-fx-font-size: 2.5em;");
        List<Text> texts = texts(box);
        double text = size(texts, "Text with ");
        assertEquals(32.5, text, 0.01, "the body text takes the pane's size");
        assertEquals(0.92 * 32.5, size(texts, "code"), 0.01, "code a little smaller than the text around it");
        assertEquals(1.12 * 32.5, size(texts, "x"), 0.01, "math a little larger");
        assertEquals(0.8 * 32.5, size(texts, "i"), 0.01, "a subscript smaller");
        Text literal = texts.stream().filter(t -> t.getText().startsWith("<script>")).findFirst().orElseThrow();
        assertEquals(0.92 * 32.5, literal.getFont().getSize(), 0.01, "HTML shown as text, in a code block's size");
    }

    private static double size(List<Text> texts, String run) {
        return texts.stream().filter(t -> t.getText().equals(run)).findFirst().orElseThrow().getFont().getSize();
    }

    @Test
    void imagesOutsideAssetsAndLessonsAreNeverLoaded() throws Exception {
        FxToolkit.setupFixture(() -> {
            for (String escape : List.of("/lessons/../pom.xml", "/workbench/ui/lessons.css", "/etc/passwd", "file:/etc/x.png")) {
                Node node = LessonMarkdown.image(new Inline.Image("alt", escape));
                Text text = assertInstanceOf(Text.class, node, escape);
                assertEquals("[image: alt]", text.getText());
            }
        });
    }
}
