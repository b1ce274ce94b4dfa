package workbench.ui.sampling;

import org.junit.jupiter.api.Test;
import workbench.concurrent.DirectTaskRunner;
import workbench.concurrent.Progress;
import workbench.concurrent.TaskHandle;
import workbench.concurrent.TaskRunner;
import workbench.concurrent.Work;
import workbench.core.sampling.BigramCountModel;
import workbench.core.sampling.Generator;
import workbench.core.sampling.NextTokenModel;
import workbench.core.sampling.SamplingSettings;
import workbench.core.sampling.SamplingStep;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The view model without a window: JavaFX properties only, tasks run directly or when the test says. */
class SamplingViewModelTest {

    private final BigramCountModel bigram = BigramCountModel.genesis();

    private SamplingViewModel withModel(TaskRunner tasks) {
        SamplingViewModel vm = new SamplingViewModel(tasks);
        vm.modelProperty().set(new SamplingModel("bigram", bigram, bigram.tokenizer()));
        return vm;
    }

    @Test
    void withoutAModelThereIsNothingToShow() {
        SamplingViewModel vm = new SamplingViewModel(new DirectTaskRunner());
        assertNull(vm.shownProperty().get());
        assertEquals(SamplingViewModel.NEEDS_MODEL, vm.messageProperty().get());
        assertFalse(vm.step());
    }

    @Test
    void thePreviewIsTheFirstTokenTheGeneratorDraws() {
        SamplingViewModel vm = withModel(new DirectTaskRunner());
        SamplingStep preview = vm.shownProperty().get();
        Generator g = new Generator(bigram, bigram.tokenizer().encode(SamplingViewModel.DEFAULT_PROMPT), SamplingSettings.DEFAULTS);
        SamplingStep first = g.next();
        assertEquals(first.token(), preview.token());
        assertEquals(first.coin(), preview.coin());
        assertTrue(vm.step());
        assertEquals(preview.token(), vm.steps().get(0).token());
        assertSame(vm.steps().get(0), vm.shownProperty().get());
    }

    @Test
    void tickStepsAtMostOncePerInterval() {
        SamplingViewModel vm = withModel(new DirectTaskRunner());
        vm.play();
        long t0 = SamplingViewModel.STEP_INTERVAL_NANOS * 10;
        vm.tick(t0);
        vm.tick(t0 + SamplingViewModel.STEP_INTERVAL_NANOS / 2);
        assertEquals(1, vm.steps().size());
        vm.tick(t0 + SamplingViewModel.STEP_INTERVAL_NANOS);
        assertEquals(2, vm.steps().size());
        vm.pause();
        vm.tick(t0 + 5 * SamplingViewModel.STEP_INTERVAL_NANOS);
        assertEquals(2, vm.steps().size());
    }

    @Test
    void playingStopsAtMaxNewTokens() {
        SamplingViewModel vm = withModel(new DirectTaskRunner());
        vm.setSettings(SamplingSettings.DEFAULTS.withMaxNewTokens(3));
        vm.play();
        for (int i = 1; i <= 10; i++) {
            vm.tick(i * SamplingViewModel.STEP_INTERVAL_NANOS);
        }
        assertEquals(3, vm.steps().size());
        assertTrue(vm.finishedProperty().get());
        assertFalse(vm.playingProperty().get());
    }

    @Test
    void resultsOfAnOutdatedGeneratorAreDropped() {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        SamplingViewModel vm = withModel(tasks);
        tasks.runAll();                                   // the preview
        assertTrue(vm.step());
        assertFalse(vm.step(), "one token at a time");
        vm.setSettings(SamplingSettings.DEFAULTS.withSeed(9));
        tasks.runAll();                                   // the old step, then the new preview
        assertEquals(0, vm.steps().size(), "the token of the old settings is not shown");
        assertEquals(9, vm.shownProperty().get().settings().seed());
        assertTrue(vm.step());
        tasks.runAll();
        assertEquals(1, vm.steps().size());
    }

    @Test
    void rolloutsKeepThePreviousResultForComparison() {
        SamplingViewModel vm = withModel(new DirectTaskRunner());
        vm.rolloutCountProperty().set(10);
        vm.rolloutLengthProperty().set(3);
        vm.runRollouts();
        var first = vm.rolloutsProperty().get();
        vm.setSettings(SamplingSettings.DEFAULTS.withTemperature(0.2));
        vm.runRollouts();
        assertSame(first, vm.previousRolloutsProperty().get());
        assertEquals(0.2, vm.rolloutsProperty().get().settings().temperature());
        vm.promptProperty().set("the");
        assertNull(vm.rolloutsProperty().get(), "a new prompt makes old rollouts meaningless");
        assertNull(vm.previousRolloutsProperty().get());
    }

    @Test
    void generationEqualsTheGeneratorForAnySettings() {
        SamplingViewModel vm = withModel(new DirectTaskRunner());
        SamplingSettings s = new SamplingSettings(SamplingSettings.Mode.RANDOM, 0.7, 5, 0.8, 1.3, 12, 2024);
        vm.setSettings(s);
        while (vm.step()) {
            // one token per call
        }
        Generator g = new Generator(bigram, bigram.tokenizer().encode(SamplingViewModel.DEFAULT_PROMPT), s);
        g.generateAll(Progress.NONE);
        assertArrayEquals(g.generated(), vm.steps().stream().mapToInt(SamplingStep::token).toArray());
    }

    private static final class SimpleHandle implements TaskHandle {
        private final String title;
        private volatile boolean cancelled;
        private volatile boolean done;

        SimpleHandle(String title) {
            this.title = title;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public double progress() {
            return -1;
        }

        @Override
        public String message() {
            return "";
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    @Test
    void aPromptLongerThanTheContextKeepsItsLastTokensLikeTheGenerateCommand() {
        NextTokenModel short4 = new NextTokenModel() {
            @Override
            public int vocabSize() {
                return bigram.vocabSize();
            }

            @Override
            public int contextLength() {
                return 4;
            }

            @Override
            public float[] nextLogits(int[] context) {
                return bigram.nextLogits(context);
            }
        };
        SamplingViewModel vm = new SamplingViewModel(new DirectTaskRunner());
        vm.modelProperty().set(new SamplingModel("context 4", short4, bigram.tokenizer()));
        vm.setSettings(SamplingSettings.DEFAULTS.withRepetitionPenalty(2).withMaxNewTokens(6));
        vm.promptProperty().set("the earth");
        assertArrayEquals(bigram.tokenizer().encode("arth"), vm.promptTokens());
        assertEquals("The prompt has 9 tokens; the model reads 4, so the first 5 are left out.", vm.messageProperty().get());
        while (vm.step()) {
            // one token per call
        }
        Generator g = new Generator(short4, bigram.tokenizer().encode("arth"), vm.settings());
        g.generateAll(Progress.NONE);
        assertArrayEquals(g.generated(), vm.steps().stream().mapToInt(SamplingStep::token).toArray());
    }

    @Test
    void aSearchCancelledElsewhereStopsLookingBusy() {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        SamplingViewModel vm = withModel(tasks);
        tasks.runAll();
        vm.runRollouts();
        assertTrue(vm.rolloutsRunningProperty().get());
        tasks.cancelAll();                                // as the status bar's Cancel does
        tasks.runAll();
        vm.tick(1);
        assertFalse(vm.rolloutsRunningProperty().get());
        assertNull(vm.rolloutsProperty().get());
    }

    /** Holds submitted work until {@link #runAll()}, like a background runner whose results arrive later. */
    private static final class QueuedTaskRunner implements TaskRunner {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private final List<SimpleHandle> handles = new java.util.ArrayList<>();

        @Override
        public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            SimpleHandle handle = new SimpleHandle(title);
            handles.add(handle);
            queue.add(() -> {
                try {
                    if (handle.isCancelled()) {
                        return;
                    }
                    T value = work.run(Progress.NONE);
                    if (!handle.isCancelled()) {
                        onSuccess.accept(value);
                    }
                } catch (Exception e) {
                    onFailure.accept(e);
                } finally {
                    handle.done = true;
                }
            });
            return handle;
        }

        @Override
        public <T> TaskHandle submitLatest(String key, String title, Work<T> work, Consumer<? super T> onSuccess,
                                           Consumer<Throwable> onFailure) {
            return submit(title, work, onSuccess, onFailure);
        }

        void cancelAll() {
            handles.forEach(SimpleHandle::cancel);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }

        @Override
        public List<TaskHandle> activeTasks() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
