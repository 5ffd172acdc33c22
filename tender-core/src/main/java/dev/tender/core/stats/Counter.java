package dev.tender.core.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A monotonic count kept on an I/O path (frames, bytes, exits). One atomic add per event and no allocation: the
 * writer is the vCPU or ring I/O thread, the reader the stats thread taking a snapshot. Wraps at 2^64 like the
 * kernel's counters; a reader sees it as unsigned.
 */
public final class Counter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through VALUE
    private volatile long value;

    public void increment() {
        VALUE.getAndAdd(this, 1L);
    }

    public void add(long n) {
        VALUE.getAndAdd(this, n);
    }

    public long get() {
        return value;
    }
}
