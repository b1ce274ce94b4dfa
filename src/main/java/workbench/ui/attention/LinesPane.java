package workbench.ui.attention;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import workbench.ui.common.ThemeManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The lines view with its head choice: the chosen head alone, or several heads of the layer
 * overlaid in their colours.
 */
final class LinesPane implements AttentionPane {

    private final AttentionViewModel vm;
    private final VBox root;
    private final AttentionLinesCanvas canvas;
    private final HBox headBoxes = new HBox(10);
    private final ToggleButton all = new ToggleButton("All heads of the layer");
    private final Label caption = new Label();
    private final TreeSet<Integer> shown = new TreeSet<>();
    private int lastHead = -1;
    private int lastLayer = -1;

    LinesPane(AttentionViewModel vm, ThemeManager themes) {
        this.vm = vm;
        canvas = new AttentionLinesCanvas(themes);
        canvas.setId(AttentionPage.LINES_ID);
        canvas.setOnQueryClicked(i -> vm.queryProperty().set(i));
        all.setId(AttentionPage.LINES_ALL_ID);
        all.selectedProperty().bindBidirectional(vm.overlayProperty());
        vm.overlayProperty().addListener((obs, old, now) -> {
            shown.clear();
            refresh();
        });
        headBoxes.setAlignment(Pos.CENTER_LEFT);
        caption.getStyleClass().add("hint");
        caption.setWrapText(true);
        HBox bar = new HBox(10, new Label("Heads:"), headBoxes, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(6, bar, caption, canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);
    }

    AttentionLinesCanvas canvas() {
        return canvas;
    }

    /** The heads drawn now. */
    List<Integer> shownHeads() {
        return new ArrayList<>(shown);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void refresh() {
        AttentionAnalysis a = vm.analysis();
        if (a == null) {
            canvas.setData(List.of(), new int[0], new float[0][0][0]);
            return;
        }
        int layer = vm.layerProperty().get();
        int head = vm.headProperty().get();
        if (shown.isEmpty() || head != lastHead || layer != lastLayer || shown.last() >= a.heads()) {
            shown.clear();
            if (vm.overlayProperty().get()) {
                for (int h = 0; h < a.heads(); h++) {
                    shown.add(h);
                }
            } else {
                shown.add(head);
            }
        }
        lastHead = head;
        lastLayer = layer;
        rebuildBoxes(a.heads());
        int[] heads = shown.stream().mapToInt(Integer::intValue).toArray();
        float[][][] weights = new float[heads.length][][];
        for (int k = 0; k < heads.length; k++) {
            weights[k] = a.layer(layer).weights()[heads[k]];
        }
        canvas.setData(a.labels(), heads, weights);
        canvas.setSelectedQuery(vm.effectiveQuery());
        caption.setText(String.format(Locale.ROOT, "Layer %d. Each line joins a query token (left) to a key token "
                + "(right); the thicker and darker, the more attention. Lines under %.0f%% are left out. Hover a token "
                + "to see only its lines; click a token on the left to make it the query.", layer,
                100 * AttentionLinesCanvas.MIN_WEIGHT));
    }

    private void rebuildBoxes(int heads) {
        if (headBoxes.getChildren().size() != heads) {
            headBoxes.getChildren().clear();
            for (int h = 0; h < heads; h++) {
                CheckBox box = new CheckBox("H" + h);
                box.setId(AttentionPage.LINES_HEAD_ID + "-" + h);
                Rectangle swatch = new Rectangle(12, 12, AttentionLinesCanvas.colour(h));
                box.setGraphic(swatch);
                int head = h;
                box.setOnAction(e -> {
                    if (box.isSelected()) {
                        shown.add(head);
                    } else if (shown.size() > 1) {
                        shown.remove(head);
                    } else {
                        box.setSelected(true);
                    }
                    refresh();
                });
                headBoxes.getChildren().add(box);
            }
        }
        for (int h = 0; h < heads; h++) {
            ((CheckBox) headBoxes.getChildren().get(h)).setSelected(shown.contains(h));
        }
    }
}
