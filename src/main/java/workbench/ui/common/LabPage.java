package workbench.ui.common;

import javafx.scene.Node;

/**
 * One lab of the workbench. The main window shows {@link #view()} in the centre and
 * {@link #controls()} on the right; lessons and tests find a page by its {@link #id()}.
 * A page is created the first time it is shown and disposed when the window closes.
 */
public interface LabPage {

    /** Stable identifier used by lessons, tests and saved settings, for example "attention". */
    String id();

    /** Name shown in the navigation list. */
    String name();

    /** The centre view. Returns the same node every call. */
    Node view();

    /** The controls shown at the right. Returns the same node every call. */
    Node controls();

    /** Puts every control back to its default and recomputes. */
    void reset();

    /** Stops background work and releases listeners; the page is not used afterwards. */
    void dispose();

    /** The numbers the view shows, for CSV export; {@link CsvTable#EMPTY} when it has none. */
    default CsvTable table() {
        return CsvTable.EMPTY;
    }

    /** The node saved as PNG; by default the centre view. */
    default Node exportNode() {
        return view();
    }

    /** The settings a lesson may set on this page. */
    default LabSettings settings() {
        return new LabSettings();
    }
}
