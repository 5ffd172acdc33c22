package dev.tender.hvt;

import dev.tender.block.BlockModule;
import dev.tender.core.BundledResource;
import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.cli.CommandLine;
import dev.tender.core.hypercall.HypercallTable;
import dev.tender.core.image.ImageFile;
import dev.tender.core.io.Poller;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.ErrnoException;
import dev.tender.core.sys.NativeWarmUp;
import dev.tender.hvt.arch.DoorbellAddress;
import dev.tender.hvt.arch.HvtArch;
import dev.tender.hvt.arch.HvtArchs;
import dev.tender.hvt.boot.BootInfo;
import dev.tender.hvt.boot.ElfLoader;
import dev.tender.hvt.boot.MemorySize;
import dev.tender.hvt.confine.Confinement;
import dev.tender.hvt.confine.HvtSeccompPolicy;
import dev.tender.hvt.debug.DebugHooks;
import dev.tender.hvt.debug.DebugTarget;
import dev.tender.hvt.debug.HvtDebugModules;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.elf.ElfImage;
import dev.tender.net.NetModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tender hvt}: boots an hvt unikernel on KVM the way solo5-hvt v0.12.1 does (docs/abi.md §3.2). As
 * {@code tender hvt-debug} (solo5-hvt-debug) it has the gdb and dumpcore modules too, and runs unconfined.
 */
public final class HvtTender {
    private final Diagnostics diag;
    private final String version;
    private final NetModule netModule = new NetModule();
    private final List<TenderModule> modules;
    /** The debug tender's modules; null in the normal tender. */
    private final HvtDebugModules debug;

    public HvtTender(Diagnostics diag, String version) {
        this(diag, version, false);
    }

    /** {@code debugTender}: the debug tender (docs/debugging.md), without seccomp and with gdb and dumpcore. */
    public HvtTender(Diagnostics diag, String version, boolean debugTender) {
        this.diag = diag;
        this.version = version;
        this.debug = debugTender ? new HvtDebugModules() : null;
        List<TenderModule> all = new ArrayList<>(List.of(new CoreHypercalls(), new BlockModule(), netModule));
        if (debug != null) {
            all.addAll(debug.modules());
        }
        this.modules = List.copyOf(all);
    }

    /** Runs the tender and returns the process exit status; every failure is reported on stderr. */
    public int run(List<String> args) {
        try {
            return boot(args);
        } catch (TenderException e) {
            return diag.report(e, usage());
        }
    }

    String usage() {
        return Usage.text(diag.program(), modules);
    }

    /**
     * Reads tender's jar directory on this thread while JNA starts up on the warm-up thread, whose logging
     * start-up scans the class path and would otherwise read it on the critical path.
     */
    private static void openOwnJar() {
        try {
            BundledResource.openJarOf(HvtTender.class);
        } catch (IOException e) {
            // the class loader reports a broken jar by itself when it needs the jar
        }
    }

    private int boot(List<String> args) throws TenderException {
        CommandLine cmd = new CommandLine(args);
        if (cmd.action() != CommandLine.Action.RUN) {
            return cmd.answerPassOne(diag, usage(), Usage.version(diag.program(), version));
        }
        NativeWarmUp.begin();
        openOwnJar();
        cmd.preopen(modules);
        HvtArch arch = HvtArchs.forHost();
        try (ImageFile image = ImageFile.open(cmd.kernel(), arch.elfMachine())) {
            ElfImage elf = image.elf();
            Manifest manifest = image.manifest(HvtAbi.ABI_TARGET, "solo5-hvt");
            cmd.applyOptions(modules, manifest, diag);
            Signals.install(diag);
            boolean net = NetModule.anyAttached(manifest);
            MemorySize sizes = arch.memorySize();
            long memSize = sizes.adjust(cmd.memory(), diag);
            if (net) {
                memSize = sizes.withRing(memSize);
            }
            try (HvtMachine machine = HvtMachine.create(memSize)) {
                ElfLoader.Loaded loaded = ElfLoader.load(elf, image.size(), machine.memory());
                image.close();
                ReservedRegion ring = net ? reserveRing(machine, sizes.ringOverhead()) : null;
                long freq = machine.initVcpu(arch, loaded.entry());
                return start(arch, machine, manifest, loaded, freq, ring, cmd.guestArgs(), cmd.kernel());
            }
        }
    }

    /**
     * docs/abi.md §8.2: the top {@code overhead} bytes (one granule) become the ring; the guest-visible size
     * shrinks even if ring I/O stays off.
     */
    private ReservedRegion reserveRing(HvtMachine machine, long overhead) {
        GuestMemory mem = machine.memory();
        if (mem.size() < 2 * overhead) {
            diag.warn("Not enough guest memory for ring allocation");
            return null;
        }
        return mem.reserveTop(overhead);
    }

    /** The seccomp filter on every thread: from here on, only the service of this guest's requests. */
    private static void confine(HvtArch arch, HvtMachine machine, Poller poller, ModuleContext ctx,
            HvtStats stats) throws TenderException {
        Confinement.apply(arch.seccompArch(), new HvtSeccompPolicy.Fds(machine.vcpu().fd(), arch.exitIoctls(),
                poller.epollFd(), poller.timerFd(), ctx.hostFds().all(), Signals.notifyFd(),
                Confinement.openClassSources(), stats == null ? -1 : stats.socketFd(),
                stats == null ? -1 : stats.kvmStatsFd()));
    }

    private int start(HvtArch arch, HvtMachine machine, Manifest manifest, ElfLoader.Loaded loaded, long freq,
            ReservedRegion ring, List<String> guestArgs, String kernel) throws TenderException {
        HypercallTable table = new HypercallTable(HvtCalls.MAX);
        try (Poller poller = new Poller()) {
            ModuleContext ctx = new ModuleContext(manifest, diag, new TenderKind.Hvt(machine.memory(), table, poller));
            if (ring != null) {
                DoorbellAddress bell = arch.doorbell();
                netModule.offerRing(ring, machine.hasIoEventFd()
                        ? efd -> machine.vm().addIoEventFd(bell.address(), bell.length(), efd, bell.pio()) : null);
            }
            if (debug != null) {
                debug.attach(new DebugTarget(arch.debug(), machine.kvm(), machine.vcpu(), machine.memory(), kernel));
            }
            for (TenderModule m : modules) {
                m.setup(ctx);
            }
            List<String> missing = manifest.unattachedMessages();
            if (!missing.isEmpty()) {
                missing.forEach(diag::warn);
                throw new TenderException("All declared devices must be attached. See --help for syntax.");
            }
            byte[] cmdline = BootInfo.commandLine(guestArgs);
            BootInfo.write(machine.memory(), arch.bootInfoAddress(), loaded.end(), freq, manifest.encode(), cmdline,
                    netModule.hostFeatures(), netModule.ringAddress());
            DebugHooks hooks = debug == null ? DebugHooks.NONE : debug.hooks();
            RunLoop loop = new RunLoop(arch, machine.vcpu(), machine.memory(), table, ctx::runHaltHooks, hooks,
                    GuestCounters.register(ctx.stats(), table));
            HvtStats stats = HvtStats.open(ctx.stats(), machine.memory().size(), machine.vcpu(), diag);
            if (stats != null) {
                stats.start();                          // answering before READY=1: ready means observable
            }
            Signals.ready(diag, kernel);
            if (debug == null) {
                confine(arch, machine, poller, ctx, stats);
            } else {
                diag.warn("WARNING: Tender is configured with HVT_DROP_PRIVILEGES=0. Not dropping any privileges.");
                diag.warn("WARNING: This is not recommended for production use.");
            }
            return loop.run();
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        }
    }
}
