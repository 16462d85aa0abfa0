package io.provisioner.service.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.provisioner.service.db.DatabaseKind;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs are executions of one db-scheduler task ("deploy-run", instance id = run id). db-scheduler owns
 * picking (cluster-safe), worker threads ({@code --workers}), heartbeats and dead-instance detection;
 * a dead execution is revived and {@link RunExecutor} resumes it. Heartbeat 2 s and 4 missed beats: an
 * instance is declared dead some 8-12 s after it stopped, not db-scheduler's default 30 minutes.
 * On H2 (no db-scheduler dialect) the generic SQL with {@code TIMESTAMP WITH TIME ZONE} and
 * fetch-then-lock polling; on PostgreSQL its own dialect with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class RunScheduler implements AutoCloseable {
    public static final String TASK = "deploy-run";
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final int MISSED_HEARTBEATS = 4;
    static final Duration TARGET_BUSY_RETRY = Duration.ofSeconds(2);
    private final Scheduler scheduler;
    private final OneTimeTask<Void> task;

    public RunScheduler(RunContext ctx, RunExecutor executor, int workers) {
        task = Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(TARGET_BUSY_RETRY))
                .onDeadExecutionRevive()
                .execute((instance, execution) -> executor.execute(instance.getId()));
        SchedulerBuilder builder = Scheduler.create(ctx.db().dataSource(), task)
                .threads(workers)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .schedulerName(new SchedulerName.Fixed(ctx.instance()));
        if (ctx.db().kind() == DatabaseKind.H2) {
            builder.jdbcCustomization(new DefaultJdbcCustomization(false)).pollUsingFetchAndLockOnExecute(0.5, 1.0);
        } else {
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        scheduler = builder.build();
    }

    public void start() {
        scheduler.start();
    }

    public void submit(String runId) {
        scheduler.schedule(task.instance(runId), Instant.now());
    }

    /** Removes a queued run's execution; a picked one is left to its executor. */
    public void cancelQueued(String runId) {
        try {
            scheduler.cancel(TaskInstanceId.of(TASK, runId));
        } catch (RuntimeException pickedOrGone) {
            // the executor finds the run cancelled and returns
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
