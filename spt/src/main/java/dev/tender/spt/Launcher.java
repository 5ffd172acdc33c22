package dev.tender.spt;

import dev.tender.core.TenderException;
import dev.tender.spt.sys.SptSys;
import java.io.IOException;
import java.io.InputStream;

/**
 * Replaces this process (the JVM) with the launcher: the launch plan goes into a memfd the launcher inherits,
 * and the launcher binary, bundled as a resource, is executed from a close-on-exec memfd, so nothing is written
 * to disk. With the system property {@value SptTender#LAUNCHER_PROPERTY} set, that file is executed instead.
 * The launcher gets an empty environment.
 */
final class Launcher {
    private Launcher() {
    }

    /** Returns only on failure (status 1, after the message). */
    static int exec(String argv0, byte[] plan) throws TenderException {
        int planFd = SptSys.memfdCreate("tender-spt-plan", 0);
        if (planFd < 0) {
            throw new TenderException("memfd_create() failed: " + SptSys.strerror(SptSys.errno()));
        }
        int err = SptSys.writeAll(planFd, plan);
        if (err != 0) {
            throw new TenderException("Could not write the launch plan: " + SptSys.strerror(err));
        }
        String[] argv = {argv0, Integer.toString(planFd)};
        String[] envp = {};
        System.out.flush();
        System.err.flush();
        String override = System.getProperty(SptTender.LAUNCHER_PROPERTY);
        if (override != null && !override.isEmpty()) {
            err = SptSys.execve(override, argv, envp);
            throw new TenderException("Could not execute " + override + ": " + SptSys.strerror(err));
        }
        byte[] binary = bundled();
        int fd = SptSys.memfdCreate(SptTender.LAUNCHER_RESOURCE, SptSys.MFD_CLOEXEC | SptSys.MFD_EXEC);
        if (fd < 0 && SptSys.errno() == SptSys.EINVAL) {
            fd = SptSys.memfdCreate(SptTender.LAUNCHER_RESOURCE, SptSys.MFD_CLOEXEC);
        }
        if (fd < 0) {
            throw new TenderException("memfd_create() failed: " + SptSys.strerror(SptSys.errno()));
        }
        err = SptSys.writeAll(fd, binary);
        if (err != 0) {
            throw new TenderException("Could not write the spt launcher: " + SptSys.strerror(err));
        }
        err = SptSys.fexecve(fd, argv, envp);
        throw new TenderException("Could not execute the spt launcher: " + SptSys.strerror(err));
    }

    private static byte[] bundled() throws TenderException {
        try (InputStream in = Launcher.class.getResourceAsStream(SptTender.LAUNCHER_RESOURCE)) {
            if (in == null) {
                throw new TenderException("the spt launcher is missing from the build (" + SptTender.LAUNCHER_RESOURCE
                        + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TenderException("Could not read the spt launcher: " + e.getMessage());
        }
    }
}
