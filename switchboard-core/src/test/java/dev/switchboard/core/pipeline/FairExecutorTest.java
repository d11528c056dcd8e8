package dev.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lanes take turns for the ML threads: a backlog in one lane never stands in front of another lane's task. */
class FairExecutorTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void lanesTakeTurnsInsteadOfFirstComeFirstServed() throws Exception {
        try (FairExecutor executor = new FairExecutor(1, 1, 10, 10)) {
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(5);
            executor.submit("a", true, () -> await(hold, "a1", done));
            executor.submit("a", true, () -> record("a2", done));
            executor.submit("a", true, () -> record("a3", done));
            executor.submit("a", true, () -> record("a4", done));
            executor.submit("b", true, () -> record("b1", done));
            hold.countDown();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("a1", "a2", "b1", "a3", "a4");
        }
    }

    @Test
    void aFullLaneIsRefusedWhileOtherLanesStillQueue() throws Exception {
        try (FairExecutor executor = new FairExecutor(1, 1, 1, 10)) {
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(3);
            assertThat(executor.submit("a", true, () -> await(hold, "a1", done))).isEqualTo(FairExecutor.Refusal.NONE);
            assertThat(executor.submit("a", true, () -> record("a2", done))).isEqualTo(FairExecutor.Refusal.NONE);
            assertThat(executor.submit("a", true, () -> record("a3", done)))
                    .isEqualTo(FairExecutor.Refusal.LANE_FULL);
            assertThat(executor.submit("b", true, () -> record("b1", done))).isEqualTo(FairExecutor.Refusal.NONE);
            assertThat(executor.pending()).isEqualTo(3);
            hold.countDown();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactlyInAnyOrder("a1", "a2", "b1");
        }
    }

    @Test
    void aRemovedTaskNeverRuns() throws Exception {
        try (FairExecutor executor = new FairExecutor(1, 1, 10, 10)) {
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            executor.submit("a", true, () -> await(hold, "a1", done));
            Runnable dropped = () -> record("dropped", done);
            executor.submit("b", true, dropped);
            executor.submit("b", true, () -> record("b2", done));
            assertThat(executor.remove("b", dropped)).isTrue();
            hold.countDown();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("a1", "b2");
        }
    }

    private void record(String name, CountDownLatch done) {
        ran.add(name);
        done.countDown();
    }

    private void await(CountDownLatch hold, String name, CountDownLatch done) {
        try {
            hold.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record(name, done);
    }
}
