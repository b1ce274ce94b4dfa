package workbench.lesson.player;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import workbench.lesson.Block;
import workbench.lesson.Inline;
import workbench.lesson.MathText;
import workbench.lesson.ResourcePaths;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Draws a lesson's {@link Block}s as JavaFX nodes: paragraphs as {@link TextFlow}s of styled
 * {@link Text}, math in a serif face with variables in italic and real sub- and superscripts,
 * code in a monospaced face, images from the class path. There is no web view: HTML in a lesson
 * arrives as literal text and is drawn as text. Sizes are in em, so one font size on the lesson
 * pane scales everything (presenter mode enlarges it).
 */
public final class LessonMarkdown {

    public static final String PARAGRAPH = "lesson-paragraph";
    public static final String TEXT = "lesson-text";
    public static final String MATH = "lesson-math";
    public static final String CODE = "lesson-code";
    public static final String LITERAL = "lesson-literal";
    public static final String IMAGE = "lesson-image";

    /** Script runs sit this fraction of the font size above or below the baseline. */
    private static final double SCRIPT_SHIFT = 0.32;

    private final Function<Block.Prediction, Node> predictions;

    /** @param predictions draws a predict-then-reveal block (the player knows whether it was revealed) */
    public LessonMarkdown(Function<Block.Prediction, Node> predictions) {
        this.predictions = predictions;
    }

    public VBox render(List<Block> blocks) {
        VBox box = new VBox();
        box.getStyleClass().add("lesson-blocks");
        for (Block b : blocks) {
            box.getChildren().add(block(b));
        }
        return box;
    }

    private Node block(Block block) {
        if (block instanceof Block.Paragraph p) {
            return flow(p.content(), PARAGRAPH);
        }
        if (block instanceof Block.Heading h) {
            return flow(h.content(), "lesson-h" + Math.min(h.level(), 6));
        }
        if (block instanceof Block.ListBlock list) {
            VBox items = new VBox();
            items.getStyleClass().add("lesson-list");
            int number = list.start();
            for (List<Block> item : list.items()) {
                Label marker = new Label(list.ordered() ? (number++) + "." : "•");
                marker.getStyleClass().add("lesson-list-marker");
                marker.setMinWidth(Label.USE_PREF_SIZE);
                VBox content = render(item);
                HBox.setHgrow(content, Priority.ALWAYS);
                HBox row = new HBox(marker, content);
                row.getStyleClass().add("lesson-list-item");
                row.setAlignment(Pos.TOP_LEFT);
                items.getChildren().add(row);
            }
            return items;
        }
        if (block instanceof Block.Code code) {
            Text text = new Text(code.text());
            text.getStyleClass().add(CODE);
            TextFlow flow = new TextFlow(text);
            flow.getStyleClass().add("lesson-code-block");
            return flow;
        }
        if (block instanceof Block.Quote quote) {
            VBox box = render(quote.content());
            box.getStyleClass().add("lesson-quote");
            return box;
        }
        if (block instanceof Block.Rule) {
            return new Separator();
        }
        if (block instanceof Block.LiteralHtml html) {
            Text text = new Text(html.text());
            text.getStyleClass().add(LITERAL);
            TextFlow flow = new TextFlow(text);
            flow.getStyleClass().add("lesson-literal-block");
            return flow;
        }
        if (block instanceof Block.Prediction prediction) {
            return predictions.apply(prediction);
        }
        throw new IllegalArgumentException("unknown block " + block);
    }

    /** A paragraph-like block of inline runs. */
    public TextFlow flow(List<Inline> inlines, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        List<Node> nodes = new ArrayList<>();
        inlines(inlines, List.of(), nodes);
        flow.getChildren().setAll(nodes);
        return flow;
    }

    private void inlines(List<Inline> inlines, List<String> classes, List<Node> out) {
        for (Inline i : inlines) {
            if (i instanceof Inline.Text t) {
                out.add(text(t.text(), classes, TEXT));
            } else if (i instanceof Inline.Emphasis e) {
                inlines(e.content(), with(classes, "lesson-em"), out);
            } else if (i instanceof Inline.Strong s) {
                inlines(s.content(), with(classes, "lesson-strong"), out);
            } else if (i instanceof Inline.Code c) {
                out.add(text(c.text(), classes, CODE));
            } else if (i instanceof Inline.Math m) {
                math(m.runs(), out);
            } else if (i instanceof Inline.Link l) {
                List<Node> linked = new ArrayList<>();
                inlines(l.content(), with(classes, "lesson-link"), linked);
                Tooltip tip = new Tooltip(l.target());
                for (Node n : linked) {
                    Tooltip.install(n, tip);
                }
                out.addAll(linked);
            } else if (i instanceof Inline.Image img) {
                out.add(image(img));
            } else if (i instanceof Inline.Break b) {
                out.add(text(b.hard() ? "\n" : " ", classes, TEXT));
            } else if (i instanceof Inline.LiteralHtml h) {
                out.add(text(h.text(), classes, LITERAL));
            }
        }
    }

    private static List<String> with(List<String> classes, String extra) {
        List<String> all = new ArrayList<>(classes);
        all.add(extra);
        return all;
    }

    private static Text text(String value, List<String> classes, String base) {
        Text text = new Text(value);
        text.getStyleClass().add(base);
        text.getStyleClass().addAll(classes);
        return text;
    }

    private static void math(List<MathText.Run> runs, List<Node> out) {
        for (MathText.Run run : runs) {
            Text text = new Text(run.text());
            text.getStyleClass().addAll(MATH, switch (run.style()) {
                case ITALIC -> "lesson-math-italic";
                case BOLD -> "lesson-math-bold";
                case UPRIGHT -> "lesson-math-upright";
            });
            if (run.script() != MathText.Script.BASE) {
                boolean sub = run.script() == MathText.Script.SUB;
                text.getStyleClass().add(sub ? "lesson-math-sub" : "lesson-math-sup");
                // TextFlow has no baseline shift, so scripts are moved once CSS has set their size.
                text.fontProperty().addListener((obs, old, font) ->
                        text.setTranslateY((sub ? 1 : -1) * SCRIPT_SHIFT * font.getSize() / 0.72));
            }
            out.add(text);
        }
    }

    /** An image from assets/ or lessons/ on the class path; anything else is shown as its alt text. */
    static Node image(Inline.Image img) {
        String resource = img.resource();
        boolean allowed = ResourcePaths.ROOTS.stream().anyMatch(root -> resource.startsWith("/" + root + "/"))
                && !resource.contains("..");
        if (allowed) {
            try (InputStream in = LessonMarkdown.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Image image = new Image(in);
                    if (!image.isError()) {
                        ImageView view = new ImageView(image);
                        view.setPreserveRatio(true);
                        view.setFitWidth(Math.min(image.getWidth(), 560));
                        view.getStyleClass().add(IMAGE);
                        view.setAccessibleText(img.alt());
                        return view;
                    }
                }
            } catch (java.io.IOException unreadable) {
                // Shown as its alt text below.
            }
        }
        Text alt = new Text("[image: " + img.alt() + "]");
        alt.getStyleClass().addAll(TEXT, "lesson-missing-image");
        return alt;
    }
}
