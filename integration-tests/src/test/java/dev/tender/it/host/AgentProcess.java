package dev.tender.it.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One command in an {@link EmulatedHost}: started, signalled and reaped by the host's agent, its stdout and
 * stderr read from the files the agent writes on the project share.
 */
final class AgentProcess implements HostProcess {
    private final EmulatedHost host;
    private final int id;
    private final Path dir;
    private final List<String> argv;
    private boolean started;
    private boolean ended;
    private int status;

    AgentProcess(EmulatedHost host, int id, Path dir, List<String> argv) {
        this.host = host;
        this.id = id;
        this.dir = dir;
        this.argv = argv;
    }

    synchronized void started() {
        started = true;
        notifyAll();
    }

    synchronized void exited(int code) {
        started = true;
        ended = true;
        status = code;
        notifyAll();
    }

    synchronized void lost() {
        notifyAll();
    }

    synchronized boolean awaitStart(Duration timeout) {
        return await(timeout, () -> started);
    }

    private synchronized boolean await(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || host.failure() != null) {
                return done.getAsBoolean();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return true;
    }

    private String read(String name) {
        try {
            Path f = dir.resolve(name);
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String stdout() {
        return read("out");
    }

    @Override
    public String stderr() {
        return read("err");
    }

    @Override
    public synchronized boolean isAlive() {
        return !ended && host.failure() == null;
    }

    @Override
    public void signal(String name) {
        host.send("SIGNAL " + id + " " + name);
    }

    @Override
    public boolean waitFor(Duration timeout) {
        if (!await(timeout, () -> ended) && host.failure() != null) {
            throw new AssertionError(argv + ": the " + host.name() + " host is gone: " + host.failure()
                    + "\n" + host.consoleTail());
        }
        return ended;
    }

    /** A command that SIGKILL cannot end means the host itself is stuck. */
    @Override
    public void kill() {
        signal("KILL");
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new AssertionError(argv + " did not end 30 s after SIGKILL; the " + host.name()
                    + " host is stuck: " + host.breakDown("a command did not end 30 s after SIGKILL"));
        }
    }

    @Override
    public synchronized int exitValue() {
        if (!ended) {
            throw new IllegalStateException(argv + " is still running");
        }
        return status;
    }
}
