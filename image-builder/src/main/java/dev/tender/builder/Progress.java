package dev.tender.builder;

import dev.tender.core.console.StatusLine;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Build progress on stderr. In logs and pipes, a line per step: {@code [3/12] cc runtime/hvt/net.c (hvt-x86_64)};
 * on a terminal the same text as one status line rewritten in place, and a closing {@code [12/12] done} line.
 */
public final class Progress {
    private final StatusLine status;
    private final boolean quiet;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();
    private final long started = System.nanoTime();

    public Progress(StatusLine status, boolean quiet) {
        this.status = status;
        this.quiet = quiet;
    }

    void plan(int steps) {
        total.addAndGet(steps);
    }

    void step(String what) {
        int n = done.incrementAndGet();
        if (!quiet) {
            status.status(counted(n, what), true);
        }
    }

    private String counted(int n, String what) {
        return "[" + n + "/" + Math.max(n, total.get()) + "] " + what;
    }

    void note(String what) {
        if (!quiet) {
            status.line(what);
        }
    }

    /** Ends the status line before results or errors are printed; on a terminal, says how long it took. */
    void finish() {
        int n = done.get();
        if (!quiet && status.live() && n > 0) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            status.line(counted(n, String.format("done in %d.%d s", ms / 1000, ms % 1000 / 100)));
        }
        status.clear();
    }
}
