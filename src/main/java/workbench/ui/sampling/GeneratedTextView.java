package workbench.ui.sampling;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import workbench.core.sampling.SamplingStep;
import workbench.ui.common.ColorScale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompt and the generated tokens as text. Each generated token is a chip coloured by the
 * probability the model gave it (viridis: dark = surprising, yellow = expected); clicking a chip
 * shows the distribution it was drawn from. Lines break between words, and at generated line breaks.
 */
public final class GeneratedTextView extends ScrollPane {

    public static final String TOKEN_CLASS = "sampling-token";
    public static final String SELECTED_CLASS = "sampling-token-selected";
    public static final String PROMPT_CLASS = "sampling-prompt-text";
    public static final ColorScale SCALE = ColorScale.VIRIDIS;

    private final SamplingViewModel viewModel;
    // Words, not tokens, are what wraps: a character model's chips would otherwise break mid-word.
    private final FlowPane flow = new FlowPane();
    private final List<Label> chips = new ArrayList<>();
    /** The word being written (tokens since the last white space), or null after white space. */
    private HBox word;

    public GeneratedTextView(SamplingViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("sampling-text");
        flow.setVgap(3);
        flow.setRowValignment(VPos.BASELINE);
        setContent(flow);
        setFitToWidth(true);
        setPrefViewportHeight(96);
        setMinHeight(72);
        viewModel.promptProperty().addListener((obs, old, now) -> rebuild());
        viewModel.steps().addListener((ListChangeListener<SamplingStep>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && !change.wasAdded() || change.wasReplaced()) {
                    rebuild();
                    return;
                }
                if (change.wasAdded()) {
                    for (SamplingStep step : change.getAddedSubList()) {
                        addChip(step);
                    }
                }
            }
            setVvalue(1.0);
        });
        viewModel.selectedProperty().addListener((obs, old, now) -> markSelected(now.intValue()));
        rebuild();
    }

    private void rebuild() {
        flow.getChildren().clear();
        chips.clear();
        word = null;
        String prompt = viewModel.promptProperty().get() == null ? "" : viewModel.promptProperty().get();
        // The prompt in pieces that end at white space, so that it wraps like the generated text.
        int start = 0;
        for (int i = 0; i < prompt.length(); i++) {
            if (Character.isWhitespace(prompt.charAt(i))) {
                appendPrompt(prompt.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < prompt.length()) {
            appendPrompt(prompt.substring(start));
        }
        for (SamplingStep step : viewModel.steps()) {
            addChip(step);
        }
        markSelected(viewModel.selectedProperty().get());
    }

    private void appendPrompt(String piece) {
        // A label, like the chips, so that both sit on one baseline.
        Label text = new Label(piece.replace("\n", "").replace('\t', ' '));
        text.getStyleClass().add(PROMPT_CLASS);
        append(text, piece);
    }

    private void addChip(SamplingStep step) {
        String raw = viewModel.tokenText(step.token());
        Label chip = new Label(raw.equals(" ") ? " " : TokenLabels.visible(raw));
        chip.getStyleClass().add(TOKEN_CLASS);
        Color background = SCALE.at(step.modelProbability());
        Color text = ColorScale.textOn(background);
        chip.setStyle("-fx-background-color: " + web(background) + "; -fx-text-fill: " + web(text) + ";");
        chip.setUserData(step.index());
        chip.setTooltip(new Tooltip(String.format(Locale.ROOT,
                "token %d: '%s'%nmodel probability %.1f%%, drawn with %.1f%%%nclick to see its distribution",
                step.index() + 1, TokenLabels.visible(raw), 100 * step.modelProbability(), 100 * step.probability())));
        int index = step.index();
        chip.setOnMouseClicked(e -> viewModel.select(viewModel.selectedProperty().get() == index ? -1 : index));
        chips.add(chip);
        append(chip, raw);
    }

    /** Adds a piece of text to the current word; white space ends the word, a line break the line. */
    private void append(Node piece, String raw) {
        if (word == null) {
            word = new HBox();
            word.setAlignment(Pos.BASELINE_LEFT);
            flow.getChildren().add(word);
        }
        word.getChildren().add(piece);
        if (!raw.isEmpty() && Character.isWhitespace(raw.charAt(raw.length() - 1))) {
            word = null;
        }
        if (raw.endsWith("\n")) {
            // A zero-height region as wide as the text forces the next word onto a new line.
            Region lineBreak = new Region();
            lineBreak.prefWidthProperty().bind(flow.widthProperty().subtract(1));
            flow.getChildren().add(lineBreak);
        }
    }

    private void markSelected(int index) {
        for (Label chip : chips) {
            boolean on = Integer.valueOf(index).equals(chip.getUserData());
            if (on && !chip.getStyleClass().contains(SELECTED_CLASS)) {
                chip.getStyleClass().add(SELECTED_CLASS);
            } else if (!on) {
                chip.getStyleClass().remove(SELECTED_CLASS);
            }
        }
    }

    /** How many token chips are shown. */
    public int chipCount() {
        return chips.size();
    }

    /** The rows the text wraps into: the chips' tokens, row by row (for tests). */
    public List<List<Label>> rows() {
        List<List<Label>> rows = new ArrayList<>();
        double y = Double.NaN;
        for (Label chip : chips) {
            double top = chip.getParent().getBoundsInParent().getMinY();
            if (rows.isEmpty() || Math.abs(top - y) > 1) {
                rows.add(new ArrayList<>());
                y = top;
            }
            rows.get(rows.size() - 1).add(chip);
        }
        return rows;
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
