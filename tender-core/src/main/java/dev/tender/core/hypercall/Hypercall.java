package dev.tender.core.hypercall;

import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestAccessException;

/** A hypercall handler: gets the GPA of its argument structure and writes results into it. */
@FunctionalInterface
public interface Hypercall {
    void handle(long gpa) throws GuestAccessException, TenderException;
}
