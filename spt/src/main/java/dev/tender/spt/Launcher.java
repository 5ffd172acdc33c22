package dev.tender.spt;

import dev.tender.core.BundledResource;
import dev.tender.core.StartupTraining;
import dev.tender.core.TenderException;
import dev.tender.core.sys.ErrnoException;
import dev.tender.spt.arch.SptArch;
import dev.tender.spt.sys.SptSys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces this process (the JVM) with the launcher: the launch plan goes into a memfd the launcher inherits,
 * and the launcher binary for the host's architecture, bundled as the resource {@code <arch>/tender-spt-launch},
 * is executed from a close-on-exec memfd, so nothing is written to disk. With the system property
 * {@value SptTender#LAUNCHER_PROPERTY} set, that file is executed instead. The launcher gets an empty
 * environment.
 */
final class Launcher {
    private Launcher() {
    }

    /**
     * The bundled launcher binary for {@code arch}, or null when a launcher on disk is configured. Read early
     * (the tender calls this while JNA starts up on another thread): the first read opens tender's jar, which
     * the JVM's logging start-up inside JNA would otherwise open, on the critical path.
     */
    static byte[] binary(SptArch arch) throws TenderException {
        return launcherOnDisk() != null ? null : bundled(arch.name() + "/" + SptTender.LAUNCHER_RESOURCE);
    }

    /** The launcher file named by {@value SptTender#LAUNCHER_PROPERTY}, or null for the bundled one. */
    private static String launcherOnDisk() {
        String path = System.getProperty(SptTender.LAUNCHER_PROPERTY);
        return path == null || path.isEmpty() ? null : path;
    }

    /**
     * Executes the launcher ({@code binary}, from {@link #binary}) as {@code argv0 PLAN-FD ARGS...}: {@code shown}
     * (the tender's own arguments) only for ps and pgrep. Returns only on failure (status 1, after the message), or
     * with 0 in a start-up training run.
     */
    static int exec(byte[] binary, String argv0, byte[] plan, List<String> shown) throws TenderException {
        int planFd = memfd("tender-spt-plan", 0);
        try {
            SptSys.writeAll(planFd, plan);
        } catch (ErrnoException e) {
            throw new TenderException("Could not write the launch plan: " + e.reason());
        }
        List<String> args = new ArrayList<>(List.of(argv0, Integer.toString(planFd)));
        args.addAll(shown);
        String[] argv = args.toArray(new String[0]);
        String[] envp = {};
        System.out.flush();
        System.err.flush();
        String override = launcherOnDisk();
        if (override != null) {
            try {
                SptSys.execve(override, argv, envp);
            } catch (ErrnoException e) {
                throw new TenderException("Could not execute " + override + ": " + e.reason());
            }
        }
        int fd = executableMemfd();
        try {
            SptSys.writeAll(fd, binary);
        } catch (ErrnoException e) {
            throw new TenderException("Could not write the spt launcher: " + e.reason());
        }
        if (StartupTraining.active()) {
            return 0;
        }
        try {
            SptSys.fexecve(fd, argv, envp);
        } catch (ErrnoException e) {
            throw new TenderException("Could not execute the spt launcher: " + e.reason());
        }
        throw new IllegalStateException("fexecve returned");
    }

    /** A close-on-exec memfd for the launcher, marked executable where the kernel knows MFD_EXEC (6.3+). */
    private static int executableMemfd() throws TenderException {
        try {
            return SptSys.memfdCreate(SptTender.LAUNCHER_RESOURCE, SptSys.MFD_CLOEXEC | SptSys.MFD_EXEC);
        } catch (ErrnoException e) {
            if (e.errno() != SptSys.EINVAL) {
                throw new TenderException("memfd_create() failed: " + e.reason());
            }
        }
        return memfd(SptTender.LAUNCHER_RESOURCE, SptSys.MFD_CLOEXEC);
    }

    private static int memfd(String name, int flags) throws TenderException {
        try {
            return SptSys.memfdCreate(name, flags);
        } catch (ErrnoException e) {
            throw new TenderException("memfd_create() failed: " + e.reason());
        }
    }

    private static byte[] bundled(String resource) throws TenderException {
        byte[] binary;
        try {
            binary = BundledResource.read(Launcher.class, resource);
        } catch (IOException e) {
            throw new TenderException("Could not read the spt launcher: " + e.getMessage());
        }
        if (binary == null) {
            throw new TenderException("the spt launcher is missing from the build (" + resource + ")");
        }
        return binary;
    }
}
