package workbench.ui.embeddings;

import workbench.core.embedding.EmbeddingProjection;
import workbench.core.embedding.Vectors;
import workbench.ui.common.CsvTable;

import java.util.List;
import java.util.Locale;

/**
 * The Embeddings lab's numbers as a table: every point of every stage with its PCA coordinates,
 * and, when a token is picked, each point's cosine with it at that stage and its rank among the
 * picked token's nearest neighbours at the stage on screen.
 */
final class EmbeddingsCsv {

    private EmbeddingsCsv() {
    }

    static CsvTable of(EmbeddingProjection p, int shownStage, int selected, int neighbours) {
        List<String> header = new java.util.ArrayList<>(List.of("stage", "index", "token", "token id"));
        for (int k = 0; k < p.componentCount(); k++) {
            header.add("pc" + (k + 1));
        }
        String picked = selected >= 0 ? EmbeddingsPage.describe(p, selected) : "";
        if (selected >= 0) {
            header.add("cosine with " + picked);
            header.add("neighbour rank of " + picked);
        }
        CsvTable.Builder out = CsvTable.builder(header.toArray(new String[0]));
        List<Vectors.Neighbour> near = selected >= 0 ? p.neighbours(shownStage, selected, neighbours) : List.of();
        for (int st = 0; st < p.stageCount(); st++) {
            for (int i = 0; i < p.size(); i++) {
                List<Object> row = new java.util.ArrayList<>(List.of(p.stageNames().get(st), i, p.labels().get(i), p.tokenIds()[i]));
                for (int k = 0; k < p.componentCount(); k++) {
                    row.add(String.format(Locale.ROOT, "%.6f", p.coordinates()[st][i][k]));
                }
                if (selected >= 0) {
                    row.add(String.format(Locale.ROOT, "%.6f", p.compare(st, selected, i).cosine()));
                    int rank = -1;
                    for (int r = 0; st == shownStage && r < near.size(); r++) {
                        if (near.get(r).index() == i) {
                            rank = r + 1;
                        }
                    }
                    row.add(rank > 0 ? String.valueOf(rank) : "");
                }
                out.row(row.toArray());
            }
        }
        return out.build();
    }
}
