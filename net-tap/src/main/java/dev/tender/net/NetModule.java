package dev.tender.net;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.mem.ReservedRegion;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.OptionScan;
import dev.tender.core.module.Preopened;
import dev.tender.core.module.TenderKind;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.ErrnoException;
import dev.tender.manifest.DeviceType;
import dev.tender.manifest.Manifest;
import dev.tender.manifest.ManifestEntry;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "net" module: {@code --net:NAME=IFACE} attaches a TAP interface to a NET_BASIC manifest entry and
 * {@code --net-mac:NAME=HWADDR} sets its MAC (docs/cli.md §2.5). On hvt it serves NET_READ/NET_WRITE, adds the
 * TAPs to POLL's wait set and runs ring I/O when the tender reserved a ring. The TAPs are attached early, in
 * {@link #preopen}.
 */
public final class NetModule implements TenderModule {
    static final String NET = "--net:";
    static final String NET_MAC = "--net-mac:";
    /** The IFACE field is scanned with %19s. */
    private static final int IFACE_MAX = 19;

    /** TAPs attached (or failed to attach) by {@link #preopen}, for handleOption to report. */
    private final Preopened<TapAttach.Tap, ErrnoException> taps = new Preopened<>(new Preopened.Opener<>() {
        @Override
        public TapAttach.Tap open(String iface) throws ErrnoException {
            return TapAttach.attach(iface); // an anonymous class: a lambda would cost start-up time
        }
    });
    /** What each device's --net: option named (an interface, or {@code @NN}), for the statistics' labels. */
    private final Map<String, String> interfaces = new HashMap<>();
    private ReservedRegion ring;
    private RingDoorbell doorbell;
    private boolean ringActive;

    @Override
    public String name() {
        return "net";
    }

    @Override
    public String usage() {
        return "    --net:NAME=IFACE | @NN (attach tap at IFACE or at fd @NN as network NAME)\n"
                + "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)";
    }

    /**
     * Attaches every named TAP at once (not {@code @NN}: that fd is the caller's and already open): from then on
     * the interface has carrier and the kernel queues what a peer sends until the guest reads it, instead of
     * dropping it while the JVM reads the image. handleOption reports each outcome as if it attached then.
     */
    @Override
    public void preopen(List<String> options) {
        for (String arg : options) {
            OptionScan.NamedWord opt = OptionScan.namedWord(arg, NET, IFACE_MAX);
            if (opt != null && !opt.word().startsWith("@")) {
                taps.open(arg, opt.word());
            }
        }
    }

    @Override
    public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) {
        if (arg.startsWith(NET)) {
            OptionScan.NamedWord opt = OptionScan.namedWord(arg, NET, IFACE_MAX);
            if (opt == null) {
                return false;
            }
            Optional<ManifestEntry> entry = declared(manifest, opt.name(), diag);
            if (entry.isEmpty()) {
                return false;
            }
            TapAttach.Tap tap;
            try {
                tap = taps.take(arg, opt.word());
            } catch (ErrnoException f) {
                diag.warn("Could not attach interface: " + opt.word() + ": " + f.reason());
                return false;
            }
            ManifestEntry e = entry.get();
            e.setMtu(tap.mtu());
            e.setHostFd(tap.fd());
            e.setAttached(true);
            interfaces.put(e.name(), opt.word());
            return true;
        }
        if (arg.startsWith(NET_MAC)) {
            OptionScan scan = OptionScan.named(arg, NET_MAC);
            byte[] mac = scan == null ? null : scan.mac();
            if (mac == null) {
                return false;
            }
            Optional<ManifestEntry> entry = declared(manifest, scan.name(), diag);
            entry.ifPresent(e -> e.setMac(mac));
            return entry.isPresent();
        }
        return false;
    }

    private static Optional<ManifestEntry> declared(Manifest manifest, String name, Diagnostics diag) {
        Optional<ManifestEntry> e = manifest.find(name, DeviceType.NET_BASIC);
        if (e.isEmpty()) {
            diag.warn("Resource not declared in manifest: '" + name + "'");
        }
        return e;
    }

    /**
     * hvt: the region the tender reserved for the ring (docs/abi.md §8.2; the ring structure is cleared here) and
     * how to bind its doorbell (null when the host cannot signal without an exit). Ring I/O starts in
     * {@link #setup} if the doorbell can be bound.
     */
    public void offerRing(ReservedRegion region, RingDoorbell bell) {
        region.fill(0, HvtRing.SIZE, (byte) 0);
        this.ring = region;
        this.doorbell = bell;
    }

    /** hvt_boot_info.host_features: RING_IO once ring I/O runs, else 0. */
    public int hostFeatures() {
        return ringActive ? HvtRing.FEATURE_RING_IO : 0;
    }

    /** hvt_boot_info.net_ring: the ring's address once ring I/O runs, else 0. */
    public long ringAddress() {
        return ringActive ? ring.gpa() : 0;
    }

    /** True when at least one NET_BASIC entry is attached (the tender then reserves the ring). */
    public static boolean anyAttached(Manifest manifest) {
        return manifest.entries().stream().anyMatch(e -> e.type() == DeviceType.NET_BASIC && e.attached());
    }

    @Override
    public void setup(ModuleContext ctx) throws TenderException {
        if (!anyAttached(ctx.manifest())) {
            return;
        }
        for (ManifestEntry e : ctx.manifest().entries()) {
            if (e.type() != DeviceType.NET_BASIC || !e.attached()) {
                continue;
            }
            if (isZero(e.mac())) {
                e.setMac(randomMac());
            }
            ctx.hostFds().stream(e.hostFd());
            if (ctx.tender() instanceof TenderKind.Hvt hvt) {
                try {
                    hvt.poller().addDevice(e.hostFd(), e.index());
                } catch (ErrnoException x) {
                    throw new TenderException("epoll_ctl(EPOLL_CTL_ADD, hostfd=" + e.hostFd() + ") failed: "
                            + x.reason());
                }
            }
        }
        if (ctx.tender() instanceof TenderKind.Hvt hvt) {
            NetCounters[] counters = NetCounters.register(ctx.stats(), ctx.manifest().entries(), interfaces);
            NetHypercalls.register(hvt, ctx.manifest().entries(), counters);
            ringActive = RingWorker.activate(ctx, hvt, ring, doorbell, counters);
        }
    }

    private static boolean isZero(byte[] mac) {
        for (byte b : mac) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Six random bytes, made a locally administered unicast address (docs/cli.md §2.5). */
    static byte[] randomMac() throws TenderException {
        byte[] mac = new byte[6];
        try (FileInputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(mac, 0, 6) != 6) {
                throw new IOException("short read");
            }
        } catch (IOException e) {
            throw new TenderException("Could not open /dev/urandom: " + e.getMessage());
        }
        mac[0] = (byte) ((mac[0] & 0xFE) | 0x02);
        return mac;
    }
}
