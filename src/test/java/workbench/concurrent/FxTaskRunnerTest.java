package workbench.concurrent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner with a queue standing in for the JavaFX thread, so delivery can be observed. */
class FxTaskRunnerTest {

    private final BlockingQueue<Runnable> delivered = new LinkedBlockingQueue<>();
    private final List<Throwable> unhandled = new CopyOnWriteArrayList<>();
    private final FxTaskRunner runner = new FxTaskRunner(2, delivered::add, unhandled::add);

    @AfterEach
    void close() {
        runner.close();
    }

    private void deliverNext() throws InterruptedException {
        Runnable r = delivered.poll(10, TimeUnit.SECONDS);
        assertTrue(r != null, "a result should be delivered");
        r.run();
    }

    @Test
    void runsOffTheCallingThreadAndDeliversThroughTheDeliveryExecutor() throws Exception {
        Thread caller = Thread.currentThread();
        Thread[] worker = new Thread[1];
        String[] result = new String[1];
        runner.submit("work", p -> {
            worker[0] = Thread.currentThread();
            p.update(0.5, "half");
            return "done";
        }, value -> result[0] = value, null);
        deliverNext();
        assertEquals("done", result[0]);
        assertNotEquals(caller, worker[0]);
        assertTrue(worker[0].isDaemon(), "worker threads are daemons");
    }

    @Test
    void theSetUpHookRunsOnThePoolThreadBeforeEveryTask() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (FxTaskRunner hooked = new FxTaskRunner(1, delivered::add, unhandled::add,
                () -> log.add("setup on " + Thread.currentThread().getName()))) {
            for (int i = 0; i < 2; i++) {
                int task = i;
                hooked.submit("work", p -> log.add("task " + task + " on " + Thread.currentThread().getName()), v -> { }, null);
                deliverNext();
            }
        }
        assertEquals(List.of("setup on workbench-task-1", "task 0 on workbench-task-1",
                "setup on workbench-task-1", "task 1 on workbench-task-1"), log);
    }

    @Test
    void failuresReachTheHandlerWithAReadableMessage() throws Exception {
        Throwable[] seen = new Throwable[1];
        runner.submit("work", p -> {
            throw new IllegalStateException("the corpus is empty");
        }, v -> { }, e -> seen[0] = e);
        deliverNext();
        assertEquals("the corpus is empty", ErrorMessages.describe(seen[0]));
        runner.submit("work", p -> {
            throw new OutOfMemoryError();
        }, v -> { }, null);
        deliverNext();
        assertEquals(1, unhandled.size(), "no handler given: the default handler gets it");
        assertTrue(ErrorMessages.describe(unhandled.get(0)).startsWith("Not enough memory"));
    }

    @Test
    void cancellingStopsTheWorkAndDeliversNothing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        boolean[] delivered2 = {false};
        TaskHandle handle = runner.submit("long", p -> {
            started.countDown();
            while (true) {
                p.checkCancelled();
                Thread.sleep(1);
            }
        }, v -> delivered2[0] = true, e -> delivered2[0] = true);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(1, runner.activeTasks().size());
        handle.cancel();
        for (int i = 0; i < 1000 && !handle.isDone(); i++) {
            Thread.sleep(5);
        }
        assertTrue(handle.isDone());
        assertTrue(runner.activeTasks().isEmpty());
        Thread.sleep(50);
        assertTrue(delivered.isEmpty() && !delivered2[0], "a cancelled task delivers nothing");
    }

    @Test
    void onlyTheLatestRequestUnderAKeyDelivers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> results = new CopyOnWriteArrayList<>();
        runner.submitLatest("heatmap", "first", p -> {
            release.await();
            return 1;
        }, results::add, null);
        runner.submitLatest("heatmap", "second", p -> 2, results::add, null);
        release.countDown();
        deliverNext();
        Thread.sleep(100);
        while (!delivered.isEmpty()) {
            delivered.poll().run();
        }
        assertEquals(List.of(2), results);
    }
}
