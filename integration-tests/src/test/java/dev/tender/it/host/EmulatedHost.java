package dev.tender.it.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux machine with KVM inside, emulated by QEMU ({@code bin/tender-host agent ARCH}), booted once and shared
 * by the tests of a run. Commands go over a virtio-serial control channel to the agent in the host (the QEMU
 * process's stdin and stdout); each command's stdout and stderr are files in a directory under the project,
 * which the host mounts at the same path, so they are read here as the command writes them.
 */
public final class EmulatedHost implements TestHost, AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);

    private final String arch;
    private final Process qemu;
    private final OutputStream control;
    private final Path runs;
    private final Path console;
    private final Path monitor;
    private static final AtomicInteger BOOTS = new AtomicInteger();
    private final Map<Integer, AgentProcess> processes = new ConcurrentHashMap<>();
    /** Command ids are unique in the test JVM, across hosts booted again after a breakdown. */
    private static final AtomicInteger IDS = new AtomicInteger();
    private volatile String failure;

    private final Object ready = new Object();
    private boolean isReady;

    /** Boots the host and waits for its agent; {@code work} holds the console log and the commands' files. */
    EmulatedHost(Path root, String arch, Path work) {
        this.arch = arch;
        this.runs = work.resolve("runs");
        int boot = BOOTS.incrementAndGet();
        this.console = work.resolve("console-" + boot + ".log");
        this.monitor = work.resolve("monitor-" + boot + ".sock");
        long start = System.nanoTime();
        try {
            Files.createDirectories(runs);
            // setpriv: QEMU dies with the test JVM even if that is killed; the cache build's progress is kept.
            ProcessBuilder pb = new ProcessBuilder("setpriv", "--pdeathsig", "KILL",
                    root.resolve("bin/tender-host").toString(), "agent", arch)
                    .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("tender-host.log").toFile()));
            pb.environment().put("TENDER_HOST_LOG", console.toString());
            pb.environment().put("TENDER_HOST_MONITOR", monitor.toString());
            qemu = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        control = qemu.getOutputStream();
        Thread reader = new Thread(this::readControl, "tender-host " + arch);
        reader.setDaemon(true);
        reader.start();
        synchronized (ready) {
            long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
            while (!isReady && failure == null && System.nanoTime() < deadline) {
                try {
                    ready.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        if (!isReady) {
            qemu.destroyForcibly();
            throw new AssertionError("the emulated " + arch + " host did not come up within "
                    + BOOT_TIMEOUT.toMinutes() + " min (" + failure + "):\n" + tail(work.resolve("tender-host.log"))
                    + tail(console));
        }
        HostTimings.record(name() + " boot " + boot, System.nanoTime() - start);
    }

    /** Why the host stopped working, or null while it works. */
    String failure() {
        return failure;
    }

    /** The end of this boot's console log, for messages. */
    String consoleTail() {
        return tail(console);
    }

    /** True once the host has failed (QEMU gone, or its agent stopped answering); it runs nothing more. */
    boolean broken() {
        return failure != null;
    }

    @Override
    public String name() {
        return "emulated " + arch;
    }

    private void readControl() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.trim().split(" ");
                switch (w[0]) {
                    case "READY" -> {
                        synchronized (ready) {
                            isReady = true;
                            ready.notifyAll();
                        }
                    }
                    case "PID" -> processes.get(Integer.parseInt(w[1])).started();
                    case "EXIT" -> processes.remove(Integer.parseInt(w[1])).exited(Integer.parseInt(w[2]));
                    default -> { }           // a stray line (none is expected): ignored
                }
            }
            failure = "QEMU closed the control channel";
        } catch (IOException | RuntimeException e) {
            failure = "control channel: " + e;
        }
        synchronized (ready) {
            ready.notifyAll();
        }
        processes.values().forEach(AgentProcess::lost);
    }

    synchronized void send(String line) {
        if (failure != null) {
            throw new AssertionError("the " + name() + " host is gone: " + failure + "\n" + tail(console));
        }
        try {
            control.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            control.flush();
        } catch (IOException e) {
            throw new AssertionError("the " + name() + " host is gone: " + e + "\n" + tail(console));
        }
    }

    @Override
    public HostProcess start(List<String> argv, Map<String, String> env) {
        int id = IDS.incrementAndGet();
        Path dir = runs.resolve(Integer.toString(id));
        StringBuilder script = new StringBuilder("cd ").append(Shell.quote(runs.toString())).append('\n');
        env.forEach((k, v) -> script.append("export ").append(k).append('=').append(Shell.quote(v)).append('\n'));
        script.append("exec");
        argv.forEach(a -> script.append(' ').append(Shell.quote(a)));
        try {
            deleteTree(dir);                    // an earlier test run's output must never be read as this one's
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("cmd"), script.append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AgentProcess p = new AgentProcess(this, id, dir, argv);
        processes.put(id, p);
        send("START " + id + " " + dir);
        if (!p.awaitStart(Duration.ofSeconds(60))) {
            String why = breakDown("its agent did not answer START within 60 s");
            throw new AssertionError(argv + " did not start on " + name() + ": " + why + "\n" + tail(console));
        }
        return p;
    }

    /** hostfwd_add on the monitor: a free port of this machine's 127.0.0.1 to {@code port} in the host. */
    @Override
    public int forwardTcp(int port) {
        try {
            int local;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                local = probe.getLocalPort();
            }
            String answer = HostDiagnosis.ask(monitor, "hostfwd_add fwd tcp:127.0.0.1:" + local + "-"
                    + FORWARDED_ADDRESS + ":" + port);
            if (answer.contains("rror") || answer.contains("not found") || answer.contains("nvalid")) {
                throw new AssertionError("QEMU refused the port forward: " + answer);
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The host stopped working: it is of no further use, and the next test gets a new one. The CPUs' state is
     * saved for the diagnosis first. Returns the reason (an earlier one, if the host had already failed).
     */
    synchronized String breakDown(String why) {
        if (failure == null) {
            failure = why;
            HostDiagnosis.dumpWithin(Duration.ofSeconds(15), monitor,
                    console.resolveSibling("cpus-" + console.getFileName()));
        }
        qemu.destroyForcibly();
        return failure;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException e) {
            return "(" + log + ": " + e + ")\n";
        }
    }

    /** Powers the host off (the agent's STOP), or kills QEMU if it does not go within 20 s. */
    @Override
    public void close() {
        try {
            if (failure == null) {
                send("STOP");
            }
        } catch (AssertionError e) {
            // already gone
        }
        try {
            if (!qemu.waitFor(20, TimeUnit.SECONDS)) {
                qemu.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
