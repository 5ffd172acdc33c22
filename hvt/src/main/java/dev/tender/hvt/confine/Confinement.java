package dev.tender.hvt.confine;

import dev.tender.core.StartupTraining;
import dev.tender.core.TenderException;
import dev.tender.core.module.HostFds;
import dev.tender.core.seccomp.SeccompArch;
import dev.tender.core.seccomp.SeccompFilter;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.SeccompCalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Confines the hvt tender right before the guest's first instruction: {@link HvtSeccompPolicy}'s filter on
 * every thread, present and future. {@code TENDER_SECCOMP=log} allows and logs (kernel log) what the filter
 * would deny instead of killing, for finding a call a new JVM or kernel needs.
 */
public final class Confinement {
    public static final String MODE_ENV = "TENDER_SECCOMP";
    /**
     * A system property for tests: once confined, the tender calls getppid, which the filter denies, so the
     * process must die of SIGSYS.
     */
    public static final String PROBE_PROPERTY = "tender.hvt.confinementProbe";
    private static final String JAR_SUFFIX = ".jar";
    /** The JDK's own classes: a jimage the JVM reads with pread64 for every class not in the start-up archive. */
    private static final String JIMAGE_SUFFIX = "/lib/modules";
    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private Confinement() {
    }

    /** Installs the filter for {@code fds}; irreversible. */
    public static void apply(SeccompArch arch, HvtSeccompPolicy.Fds fds) throws TenderException {
        int action = defaultAction(System.getenv(MODE_ENV));
        SeccompFilter filter = HvtSeccompPolicy.of(arch, fds, ProcessHandle.current().pid(), action);
        if (StartupTraining.active()) {
            // bin/tender-cds's run: the JVM writes its class list or AOT cache to files the filter would deny.
            // The filter is built (its classes belong in the archive) but not installed.
            filter.program();
            return;
        }
        try {
            SeccompCalls.installOnAllThreads(arch, filter.program());
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        }
        if (Boolean.getBoolean(PROBE_PROPERTY)) {
            probe();
        }
    }

    /** The action for a denied call: kill the process (default, {@code kill}) or allow and log ({@code log}). */
    static int defaultAction(String mode) throws TenderException {
        if (mode == null || mode.isEmpty() || mode.equals("kill")) {
            return SeccompFilter.RET_KILL_PROCESS;
        }
        if (mode.equals("log")) {
            return SeccompFilter.RET_LOG;
        }
        throw new TenderException(MODE_ENV + "=" + mode + ": expected kill or log");
    }

    /**
     * The descriptors of the class files this process has open: its jars and the JDK's jimage, from which the
     * JVM keeps loading classes it had not needed before (an error path, a first hypercall).
     */
    public static List<Integer> openClassSources() {
        List<Integer> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(OWN_FDS)) {
            for (Path entry : entries) {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.endsWith(JAR_SUFFIX) || target.endsWith(JIMAGE_SUFFIX)) {
                        jars.add(Integer.parseInt(entry.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // the listing's own descriptor, already closed: not a jar
                }
            }
        } catch (IOException e) {
            // no /proc: the class loader finds no jar readable once confined, and the guest runs regardless
        }
        return jars;
    }

    private static void probe() {
        long parent = SeccompCalls.parentPid();
        System.err.println("confinement probe: getppid returned " + (parent > 0 ? "a pid" : "an error"));
    }
}
