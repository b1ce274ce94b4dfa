package workbench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine must run headless: nothing in workbench.core may touch JavaFX. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("workbench");

    @Test
    void coreDoesNotUseJavaFx() {
        noClasses().that().resideInAPackage("workbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("the engine runs headless, in tests and on the command line")
                .check(MAIN);
    }

    @Test
    void coreDoesNotDependOnTheUserInterface() {
        noClasses().that().resideInAPackage("workbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("workbench.ui..", "workbench.app..", "workbench.lesson..")
                .check(MAIN);
    }

    @Test
    void viewsDoNotImportLessons() {
        noClasses().that().resideInAPackage("workbench.ui..")
                .should().dependOnClassesThat().resideInAPackage("workbench.lesson..")
                .because("lessons drive views through the page contract, never the other way round")
                .check(MAIN);
    }
}
