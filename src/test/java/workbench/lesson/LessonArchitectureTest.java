package workbench.lesson;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Lessons reach labs through the page contract only, and the lesson format is plain Java. */
class LessonArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("workbench");

    @Test
    void theLessonFormatNeedsNoJavaFx() {
        noClasses().that().resideInAPackage("workbench.lesson")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "workbench.ui..")
                .because("lessons are parsed and checked headless, in tests and tools")
                .check(MAIN);
    }

    @Test
    void lessonsNeverImportAViewOrTheApp() {
        noClasses().that().resideInAPackage("workbench.lesson..")
                .should().dependOnClassesThat(resideInAPackage("workbench.app..")
                        .or(resideInAPackage("workbench.ui..").and(not(resideInAPackage("workbench.ui.common")))))
                .because("a lesson drives a lab through LabPage, its settings and node ids, never its view class")
                .check(MAIN);
    }
}
