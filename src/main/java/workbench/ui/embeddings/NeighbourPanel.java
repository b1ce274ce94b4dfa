package workbench.ui.embeddings;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import workbench.core.embedding.EmbeddingProjection;
import workbench.core.embedding.Vectors;

import java.util.List;
import java.util.Locale;

/** The selected token's nearest neighbours by cosine, and how the two picked tokens compare. */
final class NeighbourPanel extends VBox {

    /** One row of the neighbour table, as shown. */
    record Row(int rank, int index, String token, double cosine) {
    }

    final Label heading = new Label();
    final TableView<Row> table = new TableView<>();
    final Label pairHeading = new Label();
    final Label dot = new Label();
    final Label cosine = new Label();
    final Label norms = new Label();

    NeighbourPanel() {
        getStyleClass().add("neighbour-panel");
        setSpacing(6);
        setPadding(new Insets(6));
        setMinWidth(0);
        heading.setId(EmbeddingsPage.NEIGHBOURS_TITLE_ID);
        heading.getStyleClass().add("panel-title");
        heading.setWrapText(true);
        table.setId(EmbeddingsPage.NEIGHBOURS_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Pick a token."));
        TableColumn<Row, Number> rank = new TableColumn<>("#");
        rank.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        rank.setMaxWidth(60);
        TableColumn<Row, String> token = new TableColumn<>("token");
        token.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().token()));
        TableColumn<Row, String> value = new TableColumn<>("cosine");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(format(c.getValue().cosine())));
        value.getStyleClass().add("number-column");
        table.getColumns().setAll(List.of(rank, token, value));
        // As tall as its rows (the cell size comes from the CSS, so it grows with the projector font).
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(table.getItems()).add(1.6)
                .multiply(table.fixedCellSizeProperty()));
        table.setMaxHeight(USE_PREF_SIZE);
        pairHeading.setId(EmbeddingsPage.PAIR_TITLE_ID);
        pairHeading.getStyleClass().add("panel-title");
        pairHeading.setWrapText(true);
        dot.setId(EmbeddingsPage.PAIR_DOT_ID);
        cosine.setId(EmbeddingsPage.PAIR_COSINE_ID);
        norms.setId(EmbeddingsPage.PAIR_NORMS_ID);
        GridPane pair = new GridPane();
        pair.setHgap(10);
        pair.setVgap(4);
        pair.addRow(0, new Label("dot product"), dot);
        pair.addRow(1, new Label("cosine"), cosine);
        pair.addRow(2, new Label("lengths"), norms);
        for (Label l : List.of(dot, cosine, norms)) {
            l.getStyleClass().add("value-readout");
        }
        Label hint = new Label("Click a point to pick it; shift-click or right-click picks the second token. "
                + "Similarities use every dimension of the vectors, not the 2D or 3D picture.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        hint.setId(EmbeddingsPage.HINT_ID);
        getChildren().addAll(heading, table, pairHeading, pair, hint);
        VBox.setVgrow(table, Priority.NEVER);
    }

    /** Shows the neighbours of {@code selected} and the pair (selected, compare) of one stage. */
    void show(EmbeddingProjection p, int stage, int selected, int compare, List<Vectors.Neighbour> neighbours) {
        if (p == null || selected < 0) {
            heading.setText("Nearest neighbours");
            table.getItems().clear();
            pairHeading.setText("Compare two tokens");
            dot.setText("–");
            cosine.setText("–");
            norms.setText("–");
            return;
        }
        heading.setText("Nearest to " + EmbeddingsPage.describe(p, selected) + " by cosine (" + p.width() + " dimensions)");
        List<Row> rows = new java.util.ArrayList<>();
        for (int r = 0; r < neighbours.size(); r++) {
            Vectors.Neighbour nb = neighbours.get(r);
            rows.add(new Row(r + 1, nb.index(), EmbeddingsPage.describe(p, nb.index()), nb.similarity()));
        }
        table.getItems().setAll(rows);
        if (compare < 0) {
            pairHeading.setText("Compare: pick a second token");
            dot.setText("–");
            cosine.setText("–");
            norms.setText("–");
            return;
        }
        EmbeddingProjection.PairSimilarity pair = p.compare(stage, selected, compare);
        pairHeading.setText(EmbeddingsPage.describe(p, selected) + " and " + EmbeddingsPage.describe(p, compare));
        dot.setText(format(pair.dot()));
        cosine.setText(format(pair.cosine()));
        norms.setText(format(pair.firstNorm()) + ", " + format(pair.secondNorm()));
    }

    /** How every number in this panel is written; tests compare against it. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
