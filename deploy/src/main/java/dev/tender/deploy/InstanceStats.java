package dev.tender.deploy;

import dev.tender.core.stats.Families;
import dev.tender.core.stats.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tender stats NAME}: an instance's figures, gathered where each is kept. An hvt tender counts for itself
 * and answers on its stats socket; the host adds the process's resident memory and the TAPs' drops. An spt guest
 * is a sandboxed process that does its own I/O, so its figures are the host's: /proc and the TAPs' counters.
 */
public final class InstanceStats {
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private final Installer installer;
    private final HostFigures host;

    public InstanceStats(Installer installer, HostFigures host) {
        this.installer = installer;
        this.host = host;
    }

    /** The figures of instance {@code c}, whose unit is in {@code state}; refused when it is not running. */
    public StatsSnapshot collect(InstanceConfig c, UnitState state) {
        if (!state.active().equals("active") || state.mainPid() <= 0) {
            throw new DeployException(c.name() + " is not running (" + state.shown() + ")");
        }
        boolean spt = c.kind() == ServiceImage.Kind.SPT;
        StatsSnapshot s;
        if (spt) {
            List<Sample> own = new ArrayList<>();
            String mem = c.values().get("TENDER_MEM");
            if (mem != null && mem.matches("[0-9]{1,9}")) {
                own.add(new Sample(Families.GUEST_MEMORY, List.of(), Long.parseLong(mem) << 20));
            }
            s = new StatsSnapshot("spt", own);
        } else {
            s = StatsSnapshot.parse(StatsSocket.fetch(installer.under(Instance.statsSocket(c.name())), SOCKET_TIMEOUT));
        }
        s = s.with(host.process(state.mainPid(), spt));
        for (String option : c.values().getOrDefault("TENDER_DEVICES", "").split(" ")) {
            if (option.startsWith(Instance.NET_OPTION)) {
                Instance.Net net = Instance.Net.parse(option.substring(Instance.NET_OPTION.length()));
                s = s.with(host.tap(net.device(), net.tap(), spt));
            }
        }
        return s;
    }
}
