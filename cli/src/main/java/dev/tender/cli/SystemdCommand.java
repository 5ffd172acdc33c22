package dev.tender.cli;

import dev.tender.deploy.DeployException;
import dev.tender.deploy.Installer;
import dev.tender.deploy.Instance;
import dev.tender.deploy.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tender systemd}: runs unikernels as systemd services. One template unit, {@code tender@.service},
 * serves every instance; {@code install} writes the template, the instance's {@code /etc/tender/NAME.conf}
 * and its drop-in (memory limit), then reloads systemd.
 */
@Command(name = "systemd", mixinStandardHelpOptions = true, description = "Run unikernels as systemd services (tender@NAME.service).",
        subcommands = {SystemdCommand.Install.class, SystemdCommand.Uninstall.class, SystemdCommand.Template.class})
final class SystemdCommand implements Callable<Integer> {
    private static final String PROG = "tender systemd";

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 1;
    }

    /** Options shared by the subcommands that write the template. */
    static class Paths {
        @Option(names = "--launcher", paramLabel = "PATH",
                description = "tender launcher the unit runs (default: bin/tender of this installation)")
        Path launcher;

        @Option(names = "--java", paramLabel = "PATH", description = "java executable for the unit (default: this JVM's)")
        Path java;

        /** The unit runs with PrivateTmp=yes: a launcher or JVM under /tmp or /var/tmp is invisible to it. */
        void warnIfHiddenByPrivateTmp(Path... paths) {
            for (Path p : paths) {
                if (p.startsWith("/tmp") || p.startsWith("/var/tmp")) {
                    System.err.println(PROG + ": warning: " + p + " is under a temporary directory, which the unit's "
                            + "PrivateTmp= hides from the service; install tender elsewhere (for example /opt/tender) "
                            + "or pass --launcher/--java");
                }
            }
        }

        Path launcher() {
            if (launcher != null) {
                return launcher.toAbsolutePath().normalize();
            }
            try {
                // .../cli/target/tender.jar (or .../cli/target/classes) -> .../bin/tender
                Path here = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path bin = here.getParent().getParent().getParent().resolve("bin/tender");
                if (Files.isExecutable(bin)) {
                    return bin.toRealPath();
                }
            } catch (URISyntaxException | IOException | NullPointerException e) {
                // fall through
            }
            throw new DeployException("cannot find bin/tender next to this installation; give --launcher");
        }

        Path java() {
            return java != null ? java.toAbsolutePath().normalize()
                    : Path.of(System.getProperty("java.home"), "bin", "java");
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = {
        "Write tender@.service, /etc/tender/NAME.conf and the instance's drop-in, then reload systemd.",
        "Guest arguments follow '--'. Example:",
        "  tender systemd install resolver --image=/var/lib/tender/resolver.hvt --mem=32 \\",
        "    --net=service=tap-resolver --tap-address=tap-resolver=10.0.0.1/24 -- \\",
        "    --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1 --upstream=192.0.2.53"})
    static final class Install extends Paths implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "instance name: tender@NAME.service")
        String name;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "the guest's arguments")
        List<String> args = new ArrayList<>();

        @Option(names = "--image", required = true, paramLabel = "FILE", description = "hvt image (absolute path on the target)")
        Path image;

        @Option(names = "--mem", paramLabel = "MB", description = "guest memory in MiB (default: ${DEFAULT-VALUE})")
        int mem = Instance.DEFAULT_MEM_MB;

        @Option(names = "--net", paramLabel = "DEVICE=TAP", description = "attach NET device DEVICE to TAP (created by the unit)")
        List<String> nets = new ArrayList<>();

        @Option(names = "--net-mac", paramLabel = "DEVICE=MAC", description = "guest MAC address of NET device DEVICE")
        List<String> macs = new ArrayList<>();

        @Option(names = "--block", paramLabel = "DEVICE=FILE", description = "attach BLOCK device DEVICE to FILE")
        List<String> blocks = new ArrayList<>();

        @Option(names = "--tap-address", paramLabel = "TAP=CIDR", description = "host-side address of TAP, e.g. tap0=10.0.0.1/24")
        List<String> tapAddresses = new ArrayList<>();

        @Option(names = "--memory-max", paramLabel = "SIZE", description = "MemoryMax= (default: guest memory + 256M)")
        String memoryMax;

        @Option(names = "--root", paramLabel = "DIR", description = "install below DIR instead of / (no reload)")
        Path root = Path.of("/");

        @Option(names = "--print", description = "print the files instead of writing them")
        boolean print;

        @Option(names = "--no-reload", description = "do not run 'systemctl daemon-reload'")
        boolean noReload;

        @Option(names = "--now", description = "also 'systemctl enable --now' the instance")
        boolean now;

        @Override
        public Integer call() {
            return guarded(() -> {
                Instance in = instance();
                Installer installer = new Installer(root);
                String template = Units.template(launcher(), java());
                warnIfHiddenByPrivateTmp(launcher(), java());
                if (print) {
                    PrintStream out = System.out;
                    Map<Path, String> files = new LinkedHashMap<>();
                    files.put(installer.templatePath(), template);
                    files.put(installer.configPath(in.name()), Units.config(in));
                    files.put(installer.dropInPath(in.name()), Units.dropIn(in));
                    files.forEach((path, text) -> out.print("# --- " + path + "\n" + text));
                    out.flush();
                    return 0;
                }
                for (Path p : installer.install(in, template)) {
                    System.err.println(PROG + ": wrote " + p);
                }
                if (live(installer)) {
                    systemctl("daemon-reload");
                    if (now) {
                        systemctl("enable", "--now", in.unitName());
                    } else {
                        System.err.println(PROG + ": start it with: systemctl enable --now " + in.unitName());
                    }
                } else if (now) {
                    throw new DeployException("--now needs a running systemd and --root=/");
                }
                return 0;
            });
        }

        private boolean live(Installer installer) {
            return !noReload && installer.root().equals(Path.of("/")) && Files.isDirectory(Path.of("/run/systemd/system"));
        }

        Instance instance() {
            List<Instance.Net> parsed = new ArrayList<>();
            for (String n : nets) {
                parsed.add(Instance.Net.parse(n));
            }
            for (String m : macs) {
                int eq = m.indexOf('=');
                String dev = eq < 0 ? m : m.substring(0, eq);
                int i = indexOf(parsed, dev);
                if (eq < 0 || i < 0) {
                    throw new DeployException("--net-mac " + m + ": expected DEVICE=MAC for a device given with --net");
                }
                parsed.set(i, parsed.get(i).withMac(m.substring(eq + 1)));
            }
            List<Instance.Block> parsedBlocks = new ArrayList<>();
            for (String b : blocks) {
                parsedBlocks.add(Instance.Block.parse(b));
            }
            List<Instance.TapAddress> addrs = new ArrayList<>();
            for (String a : tapAddresses) {
                addrs.add(Instance.TapAddress.parse(a));
            }
            return new Instance(name, image.toAbsolutePath().normalize(), mem, parsed, parsedBlocks, addrs, args,
                    memoryMax);
        }

        private static int indexOf(List<Instance.Net> nets, String device) {
            for (int i = 0; i < nets.size(); i++) {
                if (nets.get(i).device().equals(device)) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Stop and disable tender@NAME.service and remove its configuration.")
    static final class Uninstall implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--root", paramLabel = "DIR", description = "remove below DIR instead of / (no systemctl)")
        Path root = Path.of("/");

        @Override
        public Integer call() {
            return guarded(() -> {
                Installer installer = new Installer(root);
                boolean live = installer.root().equals(Path.of("/")) && Files.isDirectory(Path.of("/run/systemd/system"));
                if (live) {
                    systemctlQuietly("disable", "--now", Instance.unitName(name));
                }
                for (Path p : installer.uninstall(name)) {
                    System.err.println(PROG + ": removed " + p);
                }
                if (live) {
                    systemctl("daemon-reload");
                }
                return 0;
            });
        }
    }

    @Command(name = "template", mixinStandardHelpOptions = true, description = "Print the template unit tender@.service.")
    static final class Template extends Paths implements Callable<Integer> {
        @Override
        public Integer call() {
            return guarded(() -> {
                System.out.print(Units.template(launcher(), java()));
                System.out.flush();
                return 0;
            });
        }
    }

    private interface Action {
        int run() throws IOException, InterruptedException;
    }

    private static int guarded(Action action) {
        try {
            return action.run();
        } catch (DeployException | IOException e) {
            System.err.println(PROG + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void systemctl(String... args) throws IOException, InterruptedException {
        if (systemctlQuietly(args) != 0) {
            throw new DeployException("systemctl " + String.join(" ", args) + " failed");
        }
    }

    private static int systemctlQuietly(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
