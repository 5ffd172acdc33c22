package dev.tender.cli;

import dev.tender.deploy.DeployException;
import dev.tender.deploy.Installer;
import dev.tender.deploy.Instance;
import dev.tender.deploy.Units;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        subcommands = {SystemdInstall.class, SystemdCommand.Uninstall.class, SystemdCommand.Template.class})
final class SystemdCommand implements Callable<Integer> {
    static final String PROG = "tender systemd";

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

    interface Action {
        int run() throws IOException, InterruptedException;
    }

    static int guarded(Action action) {
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

    static void systemctl(String... args) throws IOException, InterruptedException {
        if (systemctlQuietly(args) != 0) {
            throw new DeployException("systemctl " + String.join(" ", args) + " failed");
        }
    }

    static int systemctlQuietly(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
