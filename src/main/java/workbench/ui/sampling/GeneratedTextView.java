package workbench.ui.sampling;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import workbench.core.sampling.SamplingStep;
import workbench.ui.common.ColorScale;

import java.util.Locale;

/**
 * The prompt and the generated tokens as text. Each generated token is a chip coloured by the
 * probability the model gave it (viridis: dark = surprising, yellow = expected); clicking a chip
 * shows the distribution it was drawn from.
 */
public final class GeneratedTextView extends ScrollPane {

    public static final String TOKEN_CLASS = "sampling-token";
    public static final String SELECTED_CLASS = "sampling-token-selected";
    public static final String PROMPT_CLASS = "sampling-prompt-text";
    public static final ColorScale SCALE = ColorScale.VIRIDIS;

    private final SamplingViewModel viewModel;
    private final TextFlow flow = new TextFlow();
    private final Text promptText = new Text();
    private int chips;

    public GeneratedTextView(SamplingViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("sampling-text");
        promptText.getStyleClass().add(PROMPT_CLASS);
        flow.getChildren().add(promptText);
        flow.setLineSpacing(3);
        setContent(flow);
        setFitToWidth(true);
        setPrefViewportHeight(96);
        setMinHeight(72);
        viewModel.promptProperty().addListener((obs, old, now) -> promptText.setText(now));
        promptText.setText(viewModel.promptProperty().get());
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
    }

    private void rebuild() {
        flow.getChildren().setAll(promptText);
        chips = 0;
        for (SamplingStep step : viewModel.steps()) {
            addChip(step);
        }
        markSelected(viewModel.selectedProperty().get());
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
        flow.getChildren().add(chip);
        chips++;
        if (raw.equals("\n")) {
            flow.getChildren().add(new Text("\n"));
        }
    }

    private void markSelected(int index) {
        flow.getChildren().forEach(node -> {
            if (node instanceof Label chip) {
                boolean on = Integer.valueOf(index).equals(chip.getUserData());
                if (on && !chip.getStyleClass().contains(SELECTED_CLASS)) {
                    chip.getStyleClass().add(SELECTED_CLASS);
                } else if (!on) {
                    chip.getStyleClass().remove(SELECTED_CLASS);
                }
            }
        });
    }

    /** How many token chips are shown. */
    public int chipCount() {
        return chips;
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
