package dev.tender.hvt;

import dev.tender.core.Diagnostics;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.SdNotify;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM end the tender like solo5-hvt: {@code Exiting on signal N}, exit status 1. Under a
 * service manager ({@code $NOTIFY_SOCKET} set) the tender also reports readiness and stopping (sd_notify).
 */
final class Signals {
    private Signals() {
    }

    static void install(Diagnostics diag) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), sig -> {
                notifyQuietly(diag, "STOPPING=1");
                diag.warn("Exiting on signal " + sig.getNumber());
                Runtime.getRuntime().halt(1);
            });
        }
    }

    /** READY=1 once the guest is about to run; a failure is reported, the guest runs regardless. */
    static void ready(Diagnostics diag, String kernel) {
        notifyQuietly(diag, "READY=1\nSTATUS=Running " + kernel);
    }

    private static void notifyQuietly(Diagnostics diag, String state) {
        if (!SdNotify.enabled()) {
            return;
        }
        try {
            SdNotify.notify(state);
        } catch (ErrnoException e) {
            diag.warn(e.getMessage());
        }
    }
}
