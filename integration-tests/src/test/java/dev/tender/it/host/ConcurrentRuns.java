package dev.tender.it.host;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands run on a {@link TestHost} side by side, at most {@code width} at a time, in the order they were
 * submitted. For hosts where each command costs seconds of CPU (a JVM in an emulated host): a test class submits
 * all of its commands at once and then awaits each one's result where it checks it.
 */
public final class ConcurrentRuns implements AutoCloseable {
    private final TestHost host;
    private final ExecutorService pool;

    public ConcurrentRuns(TestHost host, int width) {
        this.host = host;
        this.pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "runs on " + host.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code argv}; its {@code timeout} counts from when it starts on the host. */
    public Future<TestHost.Result> submit(Duration timeout, List<String> argv) {
        return pool.submit(() -> host.run(timeout, argv));
    }

    /** The result of a submitted command, waiting at most {@code timeout} for the queue and the command. */
    public static TestHost.Result await(Future<TestHost.Result> run, Duration timeout) {
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + timeout.toSeconds() + " s (queued behind other runs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Drops the commands not started yet; the running ones end with their own timeouts. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
