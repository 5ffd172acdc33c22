package dev.tender.cli;

import dev.tender.core.console.StatusLine;
import dev.tender.deploy.DeployException;
import dev.tender.deploy.InstanceConfig;
import dev.tender.deploy.Installer;
import dev.tender.deploy.Instance;
import dev.tender.deploy.PsReport;
import dev.tender.deploy.ServiceManager;
import dev.tender.deploy.Systemctl;
import dev.tender.deploy.Updater;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The everyday commands over the instances {@code tender systemd install} made: systemd supervises them and keeps
 * their state and consoles (the journal); these commands only ask it and tell it, there is no tender daemon.
 */
final class OperateCommands {
    private OperateCommands() {
    }

    /** Runs {@code body}; a refusal or failure becomes one line {@code tender VERB: message} and status 1. */
    static int guarded(String verb, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (DeployException e) {
            System.err.println("tender " + verb + ": " + e.getMessage());
            return 1;
        }
    }

    static ServiceManager systemd() {
        return new Systemctl();
    }

    @Command(name = "ps", mixinStandardHelpOptions = true,
            description = "List the installed instances: state, tender kind, uptime, memory, image and its SHA-256.")
    static final class Ps implements Callable<Integer> {
        @Option(names = "--json", description = "print a JSON array instead of the table")
        boolean json;

        @Override
        public Integer call() {
            return guarded("ps", () -> {
                Installer installer = new Installer(Path.of("/"));
                List<InstanceConfig> configs = new ArrayList<>();
                for (String name : installer.instanceNames()) {
                    configs.add(installer.config(name));
                }
                List<String> units = configs.stream().map(c -> Instance.unitName(c.name())).toList();
                // System.nanoTime() is CLOCK_MONOTONIC on Linux, the clock of systemd's *Monotonic timestamps.
                PsReport report = PsReport.of(installer, configs, systemd().show(units), System.nanoTime() / 1000);
                System.out.print(json ? report.json() : report.table());
                System.out.flush();
                return 0;
            });
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "Show an instance's guest console and tender messages (from the journal).")
    static final class Logs implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-f", "--follow"}, description = "keep printing new lines")
        boolean follow;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "only the last N lines")
        Integer lines;

        @Override
        public Integer call() {
            return guarded("logs", () -> exec(journalctl(name, follow, lines)));
        }
    }

    /** The journalctl command line of {@code tender logs}: the console lines as they were printed, no prefixes. */
    static List<String> journalctl(String name, boolean follow, Integer lines) {
        new Installer(Path.of("/")).configText(name);     // an unknown name is said as such
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager", "-o", "cat", "-u", Instance.unitName(name)));
        if (follow) {
            cmd.add("--follow");
        }
        if (lines != null) {
            if (lines < 0) {
                throw new DeployException("--lines must be 0 or more, not " + lines);
            }
            cmd.add("--lines=" + lines);
        }
        return cmd;
    }

    private static int exec(List<String> cmd) {
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new DeployException(cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** start, stop and restart: the same command with another verb. */
    abstract static class Control implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "the instance (tender@NAME.service)")
        String name;

        abstract String verb();

        @Override
        public Integer call() {
            return guarded(verb(), () -> {
                new Installer(Path.of("/")).configText(name);
                String unit = Instance.unitName(name);
                if (!systemd().control(verb(), unit)) {
                    throw new DeployException("systemctl " + verb() + " " + unit + " failed (tender logs " + name + ")");
                }
                return 0;
            });
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start an instance; returns once it is ready.")
    static final class Start extends Control {
        @Override
        String verb() {
            return "start";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop an instance (SIGTERM, as systemctl stop).")
    static final class Stop extends Control {
        @Override
        String verb() {
            return "stop";
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart an instance; returns once it is ready.")
    static final class Restart extends Control {
        @Override
        String verb() {
            return "restart";
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Run an instance on a new image; roll back to the old one if the new one does not become "
                    + "ready or exits within the grace period.")
    static final class Update implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--image", required = true, paramLabel = "FILE", description = "the new image")
        Path image;

        @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "10",
                description = "how long the new image must stay up after it became ready (default: ${DEFAULT-VALUE})")
        int graceSeconds;

        @Override
        public Integer call() {
            return guarded("update", () -> {
                if (graceSeconds < 0 || graceSeconds > 3600) {
                    throw new DeployException("--grace must be between 0 and 3600 seconds, not " + graceSeconds);
                }
                StatusLine shown = StatusLine.forStderr(System.err, System.getenv("TERM"));
                Updater updater = new Updater(new Installer(Path.of("/")), systemd(),
                        line -> shown.line("tender update: " + line), now -> shown.status("tender update: " + now));
                try {
                    Updater.Result r = updater.update(name, image.toAbsolutePath().normalize(),
                            Duration.ofSeconds(graceSeconds), Duration.ofMillis(500));
                    return r.verdict().keep() ? 0 : 1;
                } finally {
                    shown.clear();
                }
            });
        }
    }
}
