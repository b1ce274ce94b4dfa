package workbench.ui.tokenization;

import workbench.core.tokenizer.Tokenization;

import java.util.List;
import java.util.Optional;

/**
 * One text under every tokenizer of the catalog, as computed in the background for the view.
 *
 * @param text the text
 * @param rows one per tokenizer, in catalog order
 */
record TokenizationSnapshot(String text, List<Row> rows) {

    TokenizationSnapshot {
        rows = List.copyOf(rows);
    }

    /**
     * @param id           catalog id
     * @param name         column heading
     * @param tokenization the result, or null if the tokenizer failed to load
     * @param loadProblem  why it failed to load, or null
     */
    record Row(String id, String name, Tokenization tokenization, String loadProblem) {
    }

    Optional<Row> row(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
