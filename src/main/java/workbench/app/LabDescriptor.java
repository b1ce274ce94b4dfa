package workbench.app;

import workbench.ui.common.LabContext;
import workbench.ui.common.LabPage;

import java.util.function.Function;

/**
 * A lab as the navigation knows it before it is opened.
 *
 * @param id      stable id (lessons, tests, saved settings)
 * @param name    name in the navigation list
 * @param factory builds the page the first time it is shown
 */
public record LabDescriptor(String id, String name, Function<LabContext, LabPage> factory) {

    @Override
    public String toString() {
        return name;
    }
}
