package io.lanchat.server.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fair queue, one edge case per test, on a manual loop and clock: nothing runs until the test runs it, so every
 * order asserted here is the scheduler's own, not a race's.
 */
final class GenerationSchedulerTest {
    private TestBackends gpus;
    private GenerationScheduler scheduler;

    private void start(int backends, int parallel, int maxQueue) {
        gpus = new TestBackends(backends).started();
        scheduler = new GenerationScheduler(gpus.time.loop(), gpus.pool, parallel, maxQueue);
    }

    private Job submit(String client) {
        Job job = new Job(client, "llama3:8b", new RecordingListener());
        scheduler.submit(job);
        gpus.time.runTasks();
        return job;
    }

    private void release(Job job) {
        scheduler.release(job);
        gpus.time.runTasks();
    }

    private static RecordingListener heard(Job job) {
        return (RecordingListener) job.listener;
    }

    @Test
    void aFreeSlotIsGrantedAtOnceOnTheSubmittingThread() {
        start(1, 1, 10);
        Job job = new Job("alice", "llama3:8b", new RecordingListener());

        scheduler.submit(job);                        // no task run: granted before submit returns

        assertThat(heard(job).heard).containsExactly("granted 0");
        assertThat(scheduler.running()).isEqualTo(1);
    }

    @Test
    void aRequestBeyondTheSlotsWaitsAndHearsItsPlace() {
        start(1, 1, 10);
        submit("alice");

        Job waiting = submit("bob");

        assertThat(heard(waiting).heard).containsExactly("queued 1");
        assertThat(scheduler.queueLength()).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesWithoutAnEstimateWhileNothingWasMeasured() {
        start(1, 1, 1);
        submit("alice");
        submit("bob");

        Job refused = submit("carol");

        assertThat(heard(refused).heard).containsExactly("rejected QUEUE_FULL");
        assertThat(scheduler.queueLength()).isEqualTo(1);
    }

    @Test
    void estimatesFollowTheMeasuredGenerationTimes() {
        start(1, 1, 1);
        Job first = submit("alice");
        Job second = submit("bob");
        gpus.time.advance(Duration.ofSeconds(10));
        release(first);                               // took 10 s: the estimate now knows the pace
        assertThat(heard(second).last()).isEqualTo("granted 0");

        Job third = submit("carol");
        Job refused = submit("dave");

        assertThat(heard(third).heard).containsExactly("queued 1 eta 10000");
        assertThat(heard(refused).heard).containsExactly("rejected QUEUE_FULL eta 20000");
    }

    @Test
    void releasingARunningJobGrantsTheNextOne() {
        start(1, 1, 10);
        Job running = submit("alice");
        Job waiting = submit("bob");

        release(running);

        assertThat(heard(waiting).heard).containsExactly("queued 1", "granted 0");
        assertThat(scheduler.running()).isEqualTo(1);
        assertThat(scheduler.queueLength()).isZero();
    }

    @Test
    void releasingAWaitingJobMovesTheOthersUp() {
        start(1, 1, 10);
        submit("alice");
        Job leaving = submit("bob");
        Job staying = submit("carol");

        release(leaving);

        assertThat(heard(staying).heard).containsExactly("queued 2", "queued 1");
        assertThat(scheduler.queueLength()).isEqualTo(1);
    }

    @Test
    void aReconnectedClientHearsItsPlaceAgain() {
        start(1, 1, 10);
        submit("alice");
        Job waiting = submit("bob");

        scheduler.reannounce(waiting);
        gpus.time.runTasks();

        assertThat(heard(waiting).heard).containsExactly("queued 1", "queued 1");
    }

    @Test
    void releaseIsIdempotent() {
        start(1, 1, 10);
        Job job = submit("alice");

        release(job);
        release(job);

        assertThat(scheduler.running()).isZero();
        Job next = submit("bob");
        assertThat(heard(next).heard).containsExactly("granted 0");
    }

    @Test
    void waitingClientsAreServedInTurn() {
        start(1, 1, 10);
        Job running = submit("carol");
        Job alice1 = submit("alice");
        Job alice2 = submit("alice");
        Job bob1 = submit("bob");

        assertThat(heard(alice1).last()).isEqualTo("queued 1");
        assertThat(heard(bob1).last()).isEqualTo("queued 2");
        assertThat(heard(alice2).last()).isEqualTo("queued 3");
        release(running);
        assertThat(heard(alice1).last()).isEqualTo("granted 0");
        release(alice1);
        assertThat(heard(bob1).last()).isEqualTo("granted 0");
        assertThat(heard(alice2).wasGranted()).isFalse();
    }

    /** Issue 11, item 11: alice's running reply counts, so bob's first request goes before alice's second. */
    @Test
    void aClientWithAReplyRunningWaitsBehindOneWithNone() {
        start(1, 1, 10);
        Job alice1 = submit("alice");                 // running
        Job alice2 = submit("alice");
        Job alice3 = submit("alice");
        Job bob1 = submit("bob");

        assertThat(heard(bob1).last()).isEqualTo("queued 1");
        assertThat(heard(alice2).last()).isEqualTo("queued 2");
        assertThat(heard(alice3).last()).isEqualTo("queued 3");
        release(alice1);
        assertThat(heard(bob1).last()).isEqualTo("granted 0");
        assertThat(heard(alice2).wasGranted()).isFalse();
    }

    @Test
    void theClientWithFewerRepliesRunningIsServedFirst() {
        start(1, 3, 10);
        submit("alice");
        submit("alice");
        Job bob1 = submit("bob");                     // three slots taken: alice 2, bob 1
        Job alice3 = submit("alice");                 // waits first ...
        Job bob2 = submit("bob");

        release(bob1);                                // ... but bob now has none running, alice two

        assertThat(heard(bob2).last()).isEqualTo("granted 0");
        assertThat(heard(alice3).wasGranted()).isFalse();
    }

    @Test
    void aRequestGoesWhereItsModelIsLoaded() {
        gpus = new TestBackends(2);
        gpus.ollama(1).loaded("llama3:8b");
        gpus.started();
        scheduler = new GenerationScheduler(gpus.time.loop(), gpus.pool, 1, 10);

        Job job = submit("alice");

        assertThat(heard(job).heard).containsExactly("granted 1");
    }

    @Test
    void failoverMovesTheJobAndNeverBackToTheBackendThatFailed() {
        gpus = new TestBackends(2);
        gpus.ollama(0).loaded("llama3:8b");
        gpus.started();
        scheduler = new GenerationScheduler(gpus.time.loop(), gpus.pool, 1, 10);
        Job job = submit("alice");

        scheduler.retryElsewhere(job, gpus.backend(0));
        gpus.time.runTasks();
        gpus.nextProbes();

        assertThat(heard(job).heard).containsExactly("granted 0", "granted 1");
    }

    /** Issue 11, item 11: the slot the failed job freed must not go straight to the next job in line. */
    @Test
    void aBackendThatFailedGetsNoNewJobUntilItWasProbedAgain() {
        gpus = new TestBackends(2);
        gpus.ollama(0).loaded("llama3:8b");
        gpus.started();
        scheduler = new GenerationScheduler(gpus.time.loop(), gpus.pool, 1, 10);
        Job failing = submit("alice");                // on backend 0 (model loaded there)
        Job other = submit("bob");                    // on backend 1
        Job waiting = submit("carol");

        scheduler.retryElsewhere(failing, gpus.backend(0));
        gpus.time.runTasks();

        assertThat(heard(waiting).wasGranted()).isFalse();
        assertThat(heard(failing).last()).startsWith("queued");
        gpus.nextProbes();                            // backend 0 answers its probe again: back in service
        assertThat(heard(waiting).last()).isEqualTo("granted 0");
        release(other);
        assertThat(heard(failing).last()).isEqualTo("granted 1");
    }

    @Test
    void waitingJobsAreRefusedWhenNoBackendHasTheirModelAnyMore() {
        start(1, 1, 10);
        submit("alice");
        Job waiting = submit("bob");

        gpus.ollama(0).up(false);
        gpus.nextProbes();

        assertThat(heard(waiting).last()).isEqualTo("rejected NO_BACKEND");
        assertThat(scheduler.queueLength()).isZero();
    }

    /** Issue 11, item 9: draining answers every waiting job and starts nothing more. */
    @Test
    void drainingRefusesWhatWaitsAndWhatComesAndGrantsNothingMore() {
        start(1, 1, 10);
        Job running = submit("alice");
        Job waiting = submit("bob");

        scheduler.drain();
        gpus.time.runTasks();
        Job late = submit("carol");
        release(running);

        assertThat(heard(waiting).heard).containsExactly("queued 1", "rejected SHUTTING_DOWN");
        assertThat(heard(late).heard).containsExactly("rejected SHUTTING_DOWN");
        assertThat(scheduler.running()).isZero();
        assertThat(scheduler.queueLength()).isZero();
    }

    @Test
    void aJobFailingOverWhileDrainingIsRefused() {
        start(2, 1, 10);
        Job job = submit("alice");

        scheduler.drain();
        scheduler.retryElsewhere(job, gpus.backend(job.granted.index()));
        gpus.time.runTasks();

        assertThat(heard(job).last()).isEqualTo("rejected SHUTTING_DOWN");
        assertThat(scheduler.running()).isZero();
    }
}
