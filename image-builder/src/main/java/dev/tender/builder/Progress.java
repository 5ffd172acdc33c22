package dev.tender.builder;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Progress lines on stderr: {@code [3/12] cc runtime/hvt/net.c (hvt-x86_64)}. */
public final class Progress {
    private final PrintStream err;
    private final boolean quiet;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();

    public Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void plan(int steps) {
        total.addAndGet(steps);
    }

    void step(String what) {
        synchronized (err) {
            int n = done.incrementAndGet();
            if (!quiet) {
                err.println("[" + n + "/" + Math.max(n, total.get()) + "] " + what);
            }
        }
    }

    void note(String what) {
        if (!quiet) {
            synchronized (err) {
                err.println(what);
            }
        }
    }
}
