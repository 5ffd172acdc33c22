package dev.tender.hvt;

import dev.tender.core.Diagnostics;
import sun.misc.Signal;

/** SIGINT and SIGTERM end the tender like solo5-hvt: {@code Exiting on signal N}, exit status 1. */
final class Signals {
    private Signals() {
    }

    static void install(Diagnostics diag) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), sig -> {
                diag.warn("Exiting on signal " + sig.getNumber());
                Runtime.getRuntime().halt(1);
            });
        }
    }
}
