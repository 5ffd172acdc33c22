package dev.tender.builder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads a build's steps run on. A step may throw {@link BuildException}; {@link #join} gives it back
 * as it was thrown. How many compilers run at once is {@link Exec}'s business, not the pool's.
 */
final class BuildPool implements AutoCloseable {
    /** One step of a build, run on the pool. */
    interface Step<T> {
        T run() throws BuildException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tender-build");
        t.setDaemon(true);
        return t;
    });

    /** Starts {@code s} on the pool. */
    <T> CompletableFuture<T> async(Step<T> s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.run();
            } catch (BuildException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    /** Waits for a step; its BuildException is rethrown unwrapped. */
    static <T> T join(CompletableFuture<T> f) throws BuildException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BuildException b) {
                throw b;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
