package dev.tender.it.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which host a test runs on. hvt tests run on this machine where /dev/kvm is usable and in the emulated x86_64
 * host where it is not, or always there with {@code -Dtender.it.host=emulated} (or {@code TENDER_IT_HOST=emulated});
 * arm64 tests always run in the emulated arm64 host. Emulated hosts boot once per test run, on first use, and
 * are powered off when the run ends (or with the test JVM, however it ends).
 */
public final class Hosts {
    /** The project's root directory, the same path on every host. */
    public static final Path ROOT = Path.of(System.getProperty("tender.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = ROOT.resolve("integration-tests/target/hosts");
    private static final Map<String, EmulatedHost> EMULATED = new LinkedHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Hosts::shutDown, "tender-host shutdown"));
    }

    private Hosts() {
    }

    /** This machine, for what needs no KVM (spt, elftool, builds). */
    public static TestHost local() {
        return HostTimings.used(NativeHost.INSTANCE);
    }

    /** Where hvt images for this machine's architecture run. */
    public static TestHost kvm() {
        return HostTimings.used(forcedEmulation() || !kvmUsable() ? emulated("x86_64") : NativeHost.INSTANCE);
    }

    /**
     * Where hvt images run on hardware-assisted KVM (VMX/SVM with EPT/NPT): this machine, unless its KVM is the
     * paravirtual "PVM" one (module kvm_pvm, seen on nested cloud hosts), which emulates so many guest instructions
     * that the fuzzers take about 15 ms per hypercall, cannot emulate SSE at all, and does not deliver hardware
     * watchpoints; then the emulated x86_64 host, whose KVM is standard (docs/testing.md).
     */
    public static TestHost standardKvm() {
        boolean pvm = Files.exists(Path.of("/sys/module/kvm_pvm"));
        return HostTimings.used(forcedEmulation() || !kvmUsable() || pvm ? emulated("x86_64") : NativeHost.INSTANCE);
    }

    /**
     * A host whose kernel has tc's netem (for lossy-link tests): this machine when a namespace of its own accepts a
     * netem qdisc (with -Dtender.it.host=emulated never), else the emulated x86_64 host, which loads sch_netem.
     */
    public static TestHost netem() {
        return HostTimings.used(forcedEmulation() || !netemWorks() ? emulated("x86_64") : NativeHost.INSTANCE);
    }

    private static Boolean netem;          // probed once per run

    private static synchronized boolean netemWorks() {
        if (netem == null) {
            String ns = "tender-netem-probe-" + ProcessHandle.current().pid();
            TestHost.Result r = NativeHost.INSTANCE.run(java.time.Duration.ofSeconds(30), java.util.List.of("sh",
                    "-c", "ip netns add \"$0\" && ip netns exec \"$0\" tc qdisc add dev lo root netem delay 1ms;"
                            + " s=$?; ip netns del \"$0\"; exit $s", ns));
            netem = r.status() == 0;
        }
        return netem;
    }

    /** An arm64 Linux machine with KVM (always emulated: no arm64 hardware is assumed). */
    public static TestHost arm64() {
        return HostTimings.used(emulated("aarch64"));
    }

    static boolean forcedEmulation() {
        String p = System.getProperty("tender.it.host", System.getenv().getOrDefault("TENDER_IT_HOST", "auto"));
        return p.equals("emulated");
    }

    static boolean kvmUsable() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm);
    }

    /** The running host of {@code arch}, booted now if there is none or the last one broke down. */
    private static synchronized EmulatedHost emulated(String arch) {
        EmulatedHost host = EMULATED.get(arch);
        if (host != null && host.broken()) {
            host.close();
            host = null;
        }
        if (host == null) {
            host = new EmulatedHost(ROOT, arch, WORK.resolve(arch));
            EMULATED.put(arch, host);
        }
        return host;
    }

    private static synchronized void shutDown() {
        EMULATED.values().forEach(EmulatedHost::close);
        EMULATED.clear();
    }
}
