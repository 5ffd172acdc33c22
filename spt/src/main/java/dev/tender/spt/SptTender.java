package dev.tender.spt;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.cli.CommandLine;
import dev.tender.core.cli.UsageText;
import dev.tender.core.image.ImageFile;
import dev.tender.core.image.SegmentPlan;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.SdNotify;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.spt.arch.SptArch;
import dev.tender.spt.arch.SptArchs;
import dev.tender.spt.sys.SptSys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code tender spt}: runs an spt unikernel the way solo5-spt v0.12.1 does (docs/abi.md §13–§18), with the guest
 * in a process that holds no JVM.
 *
 * <p>This class does every check upstream does, in upstream's order and words: the arguments, the image's ELF
 * headers, ABI note and manifest, the options and devices (through the modules, which open the devices before
 * the image is read but report each outcome in upstream's place), the memory size, the ELF loader's rules, the
 * attached-device check and the command line. It then assembles the launch plan (segments,
 * boot info with the real fds, the seccomp program) and replaces the JVM with the launcher through
 * {@code fexecve}; the launcher builds the guest's address space, installs the filter and jumps to the guest.
 * See docs/spt.md.
 */
public final class SptTender {
    /** File name of the launcher binary (built by spt/src/main/c, one per architecture), and of its memfd. */
    static final String LAUNCHER_RESOURCE = "tender-spt-launch";
    /** System property naming a launcher binary on disk to use instead of the bundled one. */
    public static final String LAUNCHER_PROPERTY = "tender.spt.launcher";

    private final Diagnostics diag;
    private final String version;
    private final CoreModule core = new CoreModule();
    private final List<TenderModule> modules;

    public SptTender(Diagnostics diag, String version) {
        this.diag = diag;
        this.version = version;
        this.modules = SptModules.all(core);
    }

    /**
     * Runs the tender. On success the process becomes the guest and this never returns; otherwise the exit
     * status is returned after the error was reported on stderr.
     */
    public int run(List<String> args) {
        try {
            return boot(args);
        } catch (TenderException e) {
            return diag.report(e, usage());
        }
    }

    String usage() {
        return UsageText.of(diag.program(), "[ CORE OPTIONS ] [ -- ] KERNEL [ ARGS ]",
                List.of("  [ --mem=512 ] (guest memory in MB)", "    --help (display this help)"), modules);
    }

    private int boot(List<String> args) throws TenderException {
        CommandLine cmd = new CommandLine(args);
        if (cmd.action() != CommandLine.Action.RUN) {
            return cmd.answerPassOne(diag, usage(), UsageText.version(diag.program(), version, SptAbi.ABI_VERSION));
        }
        warmUpNativeAccess(args);
        SptArch arch = SptArchs.forHost();
        byte[] launcher = Launcher.binary(arch);
        cmd.preopen(modules);
        String kernel = cmd.kernel();
        try (ImageFile image = ImageFile.open(kernel, arch.elfMachine())) {
            ElfImage elf = image.elf();
            Manifest manifest = image.manifest(SptAbi.ABI_TARGET, "solo5-spt");
            cmd.applyOptions(modules, manifest, diag);
            long memSize = cmd.memory();
            MemorySize.checkLimit(memSize, diag);
            int prot = SptSys.PROT_READ | SptSys.PROT_WRITE | (core.execHeap() ? SptSys.PROT_EXEC : 0);
            try {
                SptSys.probeAnonymousMapping(memSize - SptAbi.HOST_MEM_BASE, prot);
            } catch (ErrnoException e) {
                throw new TenderException("Error allocating guest memory: " + e.reason());
            }
            SegmentPlan plan = SegmentPlan.of(elf, memSize, image.size());
            ModuleContext ctx = new ModuleContext(manifest, diag, new TenderKind.Spt());
            for (TenderModule m : modules) {
                m.setup(ctx);
            }
            List<String> missing = manifest.unattachedMessages();
            if (!missing.isEmpty()) {
                missing.forEach(diag::warn);
                throw new TenderException(Manifest.ALL_DEVICES_MUST_BE_ATTACHED);
            }
            byte[] cmdline = BootInfo.commandLine(cmd.guestArgs());
            return launch(arch, launcher, kernel, image.inheritableFd(), manifest, plan, memSize, cmdline,
                    cmd.arguments());
        }
    }

    /**
     * Starts JNA's initialisation on a daemon thread, so that it overlaps with reading and checking the image;
     * the first native call on this thread then finds it done (or waits for it). With device options, the
     * modules' libc binding is prepared as well. (A named class, not a lambda: the first lambda of a JVM costs
     * milliseconds of bootstrap on this thread.)
     */
    private static void warmUpNativeAccess(List<String> args) {
        boolean devices = false;
        for (String a : args) {
            devices |= a.startsWith("--block:") || a.startsWith("--net:");
        }
        Thread t = new WarmUp(devices);
        t.setDaemon(true);
        t.start();
    }

    private static final class WarmUp extends Thread {
        private final boolean withLibC;

        WarmUp(boolean withLibC) {
            super("spt-native-warm-up");
            this.withLibC = withLibC;
        }

        @Override
        public void run() {
            SptSys.warmUp();
            if (withLibC) {
                try {
                    Class.forName("dev.tender.core.sys.LibC");
                } catch (ClassNotFoundException | LinkageError e) {
                    // the module that needs it reports the failure
                }
            }
        }
    }

    private int launch(SptArch arch, byte[] launcher, String kernel, int imageFd, Manifest manifest, SegmentPlan elf,
            long memSize, byte[] cmdline, List<String> shown) throws TenderException {
        TreeSet<Integer> keep = new TreeSet<>();
        List<LaunchPlan.Watch> watch = new ArrayList<>();
        for (ManifestEntry e : manifest.entries()) {
            if (DeviceType.isUserDevice(e.typeCode()) && e.attached()) {
                keep.add(e.hostFd());
                if (e.type() == DeviceType.NET_BASIC) {
                    watch.add(new LaunchPlan.Watch(e.hostFd(), e.index()));
                }
            }
        }
        int epollFd = Math.max(2, keep.isEmpty() ? 2 : keep.last()) + 1;
        int timerFd = epollFd + 1;
        byte[] bootInfo = BootInfo.encode(memSize, elf.end(), manifest.encode(), cmdline, epollFd, timerFd);
        byte[] bpf = SptPolicy.of(arch, manifest, epollFd, timerFd).program();
        byte[] plan = LaunchPlan.encode(diag.program(), kernel, imageFd, core.execHeap(), epollFd,
                timerFd, memSize, elf, new ArrayList<>(keep), watch, bootInfo, bpf);
        notifyReady(kernel);
        return Launcher.exec(launcher, diag.program().replace(' ', '-'), plan, shown);
    }

    /**
     * Under a service manager (Type=notify), READY=1 as the launcher takes over: the exec keeps the process ID
     * systemd watches, and what could still fail after this point ends that process, which systemd sees.
     */
    private void notifyReady(String kernel) {
        if (!SdNotify.enabled()) {
            return;
        }
        try {
            SdNotify.notify("READY=1\nSTATUS=Running " + kernel);
        } catch (ErrnoException e) {
            diag.warn(e.getMessage());
        }
    }
}
