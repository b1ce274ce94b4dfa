package workbench.lesson.player;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import workbench.ui.common.LabPage;
import workbench.ui.common.ModelSession;
import workbench.ui.common.Notifier;
import workbench.ui.common.ThemeManager;

import java.util.List;

/**
 * What a lesson may do to the window, and nothing more: show a lab, reach its page contract,
 * pick a model, dock the lesson pane, draw on an overlay, and hide the window's chrome for
 * presenting. The app implements it over its main window; lessons never touch a lab's view class.
 */
public interface LessonHost {

    /** The ids of every lab, in navigation order. */
    List<String> labIds();

    /** Shows a lab in the centre of the window. */
    void showLab(String labId);

    /** The page of a lab, created on first use. */
    LabPage page(String labId);

    /**
     * Selects a bundled model by name; it loads in the background.
     *
     * @throws IllegalArgumentException if no bundled model has that name
     */
    void selectModel(String name);

    /** Docks the lesson pane beside the lab, or removes it when {@code pane} is null. */
    void dock(Node pane);

    /** A layer over the whole window that lets clicks through: highlight rings and the blank screen. */
    Pane overlay();

    /** Shows or hides the toolbar, the lab list and the status bar (hidden while presenting). */
    void setChromeVisible(boolean visible);

    /** Shows or hides the lab's controls (presenting hides them unless a step points into them). */
    void setControlsVisible(boolean visible);

    Scene scene();

    /** The model the labs look at; a lesson step is applied again when it changes. */
    ModelSession models();

    ThemeManager themes();

    Notifier notifier();
}
