package dev.tender.it;

import dev.tender.it.host.TestHost;
import java.time.Duration;
import java.util.List;

/**
 * A throw-away writable root for a systemd-nspawn container on a test host: an overlay over the host's bare root
 * file system (no submounts) whose upper layer is a tmpfs, so the container has the same Java, tools and
 * checkout. tender is installed in it as an operator would, outside /tmp (the unit's PrivateTmp= hides /tmp,
 * and the checkout running the tests may well live there): bin/tender and the built cli/target files under
 * {@link #LAUNCHER}'s directory. {@link #boot} starts the container on it; {@link #close()} powers that off and
 * unmounts it all.
 */
final class OverlayRoot implements AutoCloseable {
    static final String LAUNCHER = "/opt/tender/bin/tender";

    private final TestHost host;
    private final String base;
    /** The container's root directory, as the host sees it. */
    final String dir;
    private NspawnContainer container;

    OverlayRoot(TestHost host, String base) {
        this.host = host;
        this.base = base;
        this.dir = base + "/root";
        // nspawn wants an empty /dev to populate; the root file system's /dev has a few placeholders.
        host.ok("sh", "-ec", """
                base=$0 checkout=$1
                mkdir -p "$base" && mount -t tmpfs tender-it "$base" && cd "$base"
                mkdir lower upper work root
                mount --bind / lower
                mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work root
                rm -rf root/dev/*
                mkdir -p root/var/lib/tender root/opt/tender/cli
                cp -a "$checkout/bin" root/opt/tender/
                cp -a "$checkout/cli/target" root/opt/tender/cli/
                """, base, Tender.ROOT.toString());
    }

    /** Copies {@code files} of the host into directory {@code into} of the root (created if need be). */
    OverlayRoot copy(String into, String... files) {
        String script = "d=\"$0$1\"; shift; mkdir -p \"$d\" && cp \"$@\" \"$d/\"";
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-ec", script, dir, into));
        cmd.addAll(List.of(files));
        host.ok(cmd.toArray(new String[0]));
        return this;
    }

    /** Boots the container (systemd as PID 1) on this root, as machine {@code machine}, with /dev/kvm if asked. */
    NspawnContainer boot(String machine, boolean kvm) throws InterruptedException {
        container = new NspawnContainer(host, dir, machine, kvm);
        return container;
    }

    @Override
    public void close() {
        if (container != null) {
            container.close();
        }
        host.run(Duration.ofSeconds(60), List.of("sh", "-c",
                "umount -l \"$0/root\"; umount -l \"$0/lower\"; umount -l \"$0\"; rmdir \"$0\"", base));
    }
}
