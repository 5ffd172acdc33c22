package dev.tender.cli;

import dev.tender.deploy.DeployException;
import dev.tender.deploy.Installer;
import dev.tender.deploy.Instance;
import dev.tender.deploy.ServiceImage;
import dev.tender.deploy.Units;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tender systemd install}: writes tender@.service, the instance's /etc/tender/NAME.conf and its drop-in.
 * Guest arguments follow '--'; one of this command's own options after '--' is refused as an operator's slip
 * (it would silently become a guest argument), and {@code --guest-arg=ARG} passes such an argument on purpose.
 */
@Command(name = "install", mixinStandardHelpOptions = true, description = {
    "Write tender@.service, /etc/tender/NAME.conf and the instance's drop-in, then reload systemd.",
    "Guest arguments follow '--'; tender's options go before it. One of these",
    "options after '--' is refused as a slip; pass a guest argument that",
    "really looks like one with --guest-arg=--root=/data.",
    "Example:",
    "  tender systemd install resolver --image=/var/lib/tender/resolver.hvt --mem=32 \\",
    "    --net=service=tap-resolver --tap-address=tap-resolver=10.0.0.1/24 -- \\",
    "    --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1 --upstream=192.0.2.53"})
final class SystemdInstall extends SystemdCommand.Paths implements Callable<Integer> {
    static final String PROG = "tender systemd install";
    static final String GUEST_ARG = "--guest-arg";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "instance name: tender@NAME.service")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the guest's arguments, after '--'")
    List<String> args = new ArrayList<>();

    @Option(names = GUEST_ARG, paramLabel = "ARG", parameterConsumer = TakeAsItIs.class, description = {"one guest argument, taken as it is even when it "
            + "looks like one of these options; repeatable. The guest gets these first, then the arguments after "
            + "'--'. Example: --guest-arg=--root=/data"})
    List<String> guestArgs = new ArrayList<>();

    /** Takes the value of --guest-arg as it is, also when it looks like an option (picocli would refuse it). */
    static final class TakeAsItIs implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), "Missing required parameter for option '"
                        + GUEST_ARG + "' (<ARG>)");
            }
            List<String> values = argSpec.getValue();
            values.add(args.pop());
        }
    }

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "hvt or spt image (absolute path on the target); its ABI note picks the tender")
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
        String misplaced = misplacedOption(args);
        if (misplaced != null) {
            System.err.println(PROG + ": " + misplaced + " comes after '--', so it would be a guest argument; "
                    + "put tender's options before '--'");
            System.err.println(PROG + ": if the guest really takes " + misplaced + ", give it as " + GUEST_ARG + "="
                    + misplaced);
            return spec.exitCodeOnInvalidInput();
        }
        return SystemdCommand.guarded(() -> {
            Installer installer = new Installer(root);
            Instance in = instance(installer);
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
                System.err.println(SystemdCommand.PROG + ": wrote " + p);
            }
            if (live(installer)) {
                SystemdCommand.systemctl("daemon-reload");
                if (now) {
                    SystemdCommand.systemctl("enable", "--now", in.unitName());
                } else {
                    System.err.println(SystemdCommand.PROG + ": start it with: systemctl enable --now " + in.unitName());
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

    /** The instance the options describe; the image (below the root) decides which tender runs it. */
    Instance instance(Installer installer) {
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
        List<String> guest = new ArrayList<>(guestArgs);
        guest.addAll(args);
        Path onTarget = image.toAbsolutePath().normalize();
        ServiceImage.Kind kind = ServiceImage.inspect(installer.under(onTarget.toString()), image.toString()).kind();
        return new Instance(name, onTarget, kind, mem, parsed, parsedBlocks, addrs, guest, memoryMax);
    }

    /**
     * The first guest argument that names one of this command's options ({@code --root}, {@code --root=DIR}):
     * picocli has already taken every option before '--', so such an argument came after it.
     */
    String misplacedOption(List<String> guest) {
        for (String a : guest) {
            for (OptionSpec o : spec.options()) {
                for (String n : o.names()) {
                    if (a.equals(n) || a.startsWith(n + "=")) {
                        return a;
                    }
                }
            }
        }
        return null;
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
