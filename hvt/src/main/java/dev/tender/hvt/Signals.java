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
    /** The service manager's socket, opened at readiness and kept: the confined tender cannot open another. */
    private static volatile SdNotify.Channel channel;

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
        try {
            channel = SdNotify.open();
        } catch (ErrnoException e) {
            diag.warn(e.getMessage());
            return;
        }
        notifyQuietly(diag, "READY=1\nSTATUS=Running " + kernel);
    }

    /** The descriptor notifications are sent on after readiness, or -1. */
    static int notifyFd() {
        SdNotify.Channel c = channel;
        return c == null ? -1 : c.fd();
    }

    private static void notifyQuietly(Diagnostics diag, String state) {
        if (!SdNotify.enabled()) {
            return;
        }
        try {
            SdNotify.Channel c = channel;
            if (c != null) {
                c.send(state);
            } else {
                SdNotify.notify(state);
            }
        } catch (ErrnoException e) {
            diag.warn(e.getMessage());
        }
    }
}
