package workbench.ui.attention;

import javafx.scene.Node;

/** One of the lab's views. The page refreshes a view only while it is shown, so typing stays quick. */
interface AttentionPane {

    Node node();

    /** Redraws from the view model's current analysis and selection. */
    void refresh();
}
