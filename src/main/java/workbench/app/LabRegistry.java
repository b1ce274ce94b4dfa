package workbench.app;

import workbench.lesson.LessonLibrary;
import workbench.lesson.LessonParser;
import workbench.lesson.ProgressStore;
import workbench.lesson.player.LessonPlayer;
import workbench.lesson.player.LessonsPage;
import workbench.ui.attention.AttentionPage;
import workbench.ui.embeddings.EmbeddingsPage;
import workbench.ui.flash.FlashPage;
import workbench.ui.gqa.GqaPage;
import workbench.ui.memory.MemoryView;
import workbench.ui.positions.PositionsPage;
import workbench.ui.recurrent.RecurrentPage;
import workbench.ui.sampling.SamplingPage;
import workbench.ui.tokenization.TokenizationPage;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one place where the labs are listed, in navigation order. */
public final class LabRegistry {

    private LabRegistry() {
    }

    /** The labs; the lessons list reads the bundled lessons but cannot open them (no window to open them in). */
    public static List<LabDescriptor> labs() {
        return labs(null);
    }

    /** The labs, with the lessons list opening lessons through {@code lessons}. */
    public static List<LabDescriptor> labs(LessonPlayer lessons) {
        return List.of(
                new LabDescriptor("tokenization", "Tokenization", TokenizationPage::new),
                new LabDescriptor("embeddings", "Embeddings", EmbeddingsPage::new),
                new LabDescriptor("positions", "Positions", PositionsPage::new),
                new LabDescriptor("attention", "Attention", AttentionPage::new),
                new LabDescriptor("flash", "FlashAttention", FlashPage::new),
                new LabDescriptor("gqa", "GQA", GqaPage::new),
                new LabDescriptor("recurrent", "Recurrent", RecurrentPage::new),
                new LabDescriptor("sampling", "Sampling", SamplingPage::forSession),
                new LabDescriptor("memory", "Memory", MemoryView::new),
                new LabDescriptor("lessons", "Lessons",
                        context -> new LessonsPage(context, lessons != null ? lessons : detachedPlayer())));
    }

    public static Optional<LabDescriptor> find(String id) {
        return labs().stream().filter(lab -> lab.id().equals(id)).findFirst();
    }

    /** The ids of every lab, in navigation order. */
    public static List<String> ids() {
        return labs().stream().map(LabDescriptor::id).toList();
    }

    /** The lessons on the class path, checked against the labs registered here. */
    public static LessonPlayer lessonPlayer(java.nio.file.Path configFolder) {
        Map<String, String> names = new LinkedHashMap<>();
        labs().forEach(lab -> names.put(lab.id(), lab.name()));
        return new LessonPlayer(() -> LessonLibrary.bundled(new LessonParser(names.keySet())),
                new ProgressStore(configFolder), names);
    }

    private static LessonPlayer detachedPlayer() {
        return lessonPlayer(AppDirectories.config());
    }
}
